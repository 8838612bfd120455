import { isObject, type KubeObject } from '../../api/types.js'
import { nodeConditionFacts } from '../node-condition-facts.js'
import { FITS, type Plugin } from '../plugin.js'
import { Reasons } from '../reasons.js'

function conditionTrue(node: KubeObject, type: string): boolean {
  return nodeConditionFacts(node).trueTypes.has(type)
}

const MEMORY_PRESSURE: readonly string[] = [Reasons.memoryPressure]
const DISK_PRESSURE: readonly string[] = [Reasons.diskPressure]
const PID_PRESSURE: readonly string[] = [Reasons.pidPressure]

function bestEffort(pod: KubeObject): boolean {
  return isObject(pod.status) ? pod.status.qosClass === 'BestEffort' : false
}

/** CheckNodeMemoryPressure: a node under memory pressure takes no BestEffort pods. */
export const memoryPressureFilter: Plugin = {
  name: 'CheckNodeMemoryPressure',
  filter: (pod, info) =>
    bestEffort(pod) && conditionTrue(info.node, 'MemoryPressure') ? MEMORY_PRESSURE : FITS,
}

/** CheckNodeDiskPressure: a node under disk pressure takes no pods. */
export const diskPressureFilter: Plugin = {
  name: 'CheckNodeDiskPressure',
  filter: (_pod, info) => (conditionTrue(info.node, 'DiskPressure') ? DISK_PRESSURE : FITS),
}

/** CheckNodePIDPressure: a node under PID pressure takes no pods. */
export const pidPressureFilter: Plugin = {
  name: 'CheckNodePIDPressure',
  filter: (_pod, info) => (conditionTrue(info.node, 'PIDPressure') ? PID_PRESSURE : FITS),
}
