import { nodeTaints, podTolerations, untoleratedTaints } from '../../api/scheduling/index.js'
import { FITS, type Plugin } from '../plugin.js'
import { Reasons } from '../reasons.js'

/** PodToleratesNodeTaints: every NoSchedule and NoExecute taint of the node must be tolerated. */
export const taintTolerationFilter: Plugin = {
  name: 'PodToleratesNodeTaints',
  filter(pod, info) {
    const taints = nodeTaints(info.node)
    if (taints.length === 0) return FITS
    return untoleratedTaints(taints, podTolerations(pod), EFFECTS).length > 0 ? TAINTS : FITS
  },
}

const EFFECTS: readonly string[] = ['NoSchedule', 'NoExecute']
const TAINTS: readonly string[] = [Reasons.taints]
