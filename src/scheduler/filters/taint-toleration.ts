import { nodeTaints, podTolerations, untoleratedTaints } from '../../api/scheduling/index.js'
import type { Plugin } from '../plugin.js'
import { Reasons } from '../reasons.js'

/** PodToleratesNodeTaints: every NoSchedule and NoExecute taint of the node must be tolerated. */
export const taintTolerationFilter: Plugin = {
  name: 'PodToleratesNodeTaints',
  filter: (pod, info) =>
    untoleratedTaints(nodeTaints(info.node), podTolerations(pod), ['NoSchedule', 'NoExecute'])
      .length > 0
      ? [Reasons.taints]
      : [],
}
