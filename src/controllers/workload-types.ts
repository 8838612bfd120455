import type { KubeObject, ObjectMeta } from '../api/types.js'
import type { LabelSelectorObject } from '../api/selectors/index.js'
import type { Condition } from '../api/conditions.js'
import type { Taint, Toleration } from '../api/scheduling/index.js'

/** A status condition (pods, workloads, nodes). */
export type { Condition }

/** A container port. */
export interface ContainerPort {
  name?: string
  containerPort: number
  protocol?: string
}

/** A container, as far as the controllers look at it. */
export interface Container {
  name: string
  image?: string
  ports?: ContainerPort[]
  [key: string]: unknown
}

/** A toleration of a pod spec, and a node taint (core/v1, shared with api/scheduling). */
export type { Taint, Toleration }

/** The parts of a PodSpec the controllers read or set. */
export interface PodSpec {
  nodeName?: string
  containers?: Container[]
  initContainers?: Container[]
  restartPolicy?: string
  hostname?: string
  subdomain?: string
  nodeSelector?: Record<string, string>
  tolerations?: Toleration[]
  affinity?: { nodeAffinity?: NodeAffinity; [key: string]: unknown }
  volumes?: { name: string; [key: string]: unknown }[]
  [key: string]: unknown
}

/** Node affinity (required terms only are used by the DaemonSet controller). */
export interface NodeAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] }
  [key: string]: unknown
}

/** A node selector term. */
export interface NodeSelectorTerm {
  matchExpressions?: { key: string; operator: string; values?: string[] }[]
  matchFields?: { key: string; operator: string; values?: string[] }[]
}

/** A container status. */
export interface ContainerStatus {
  name: string
  ready?: boolean
  restartCount?: number
  state?: Record<string, { finishedAt?: string; startedAt?: string; [key: string]: unknown }>
  [key: string]: unknown
}

/** A pod status. */
export interface PodStatus {
  phase?: string
  conditions?: Condition[]
  podIP?: string
  hostIP?: string
  containerStatuses?: ContainerStatus[]
  [key: string]: unknown
}

/** A Pod. */
export interface Pod extends KubeObject {
  spec?: PodSpec
  status?: PodStatus
}

/** A pod template (spec.template of workloads). */
export interface PodTemplateSpec {
  metadata?: ObjectMeta
  spec?: PodSpec
}

/** The spec fields shared by ReplicaSets, Deployments, StatefulSets, DaemonSets and Jobs. */
export interface WorkloadSpec {
  replicas?: number
  selector?: LabelSelectorObject
  template?: PodTemplateSpec
  minReadySeconds?: number
  [key: string]: unknown
}

/** A workload (any kind with spec.template). */
export interface Workload extends KubeObject {
  spec?: WorkloadSpec
  status?: { [key: string]: unknown; conditions?: Condition[]; observedGeneration?: number }
}

/** A Node. */
export interface Node extends KubeObject {
  spec?: { taints?: Taint[]; unschedulable?: boolean; [key: string]: unknown }
  status?: { conditions?: Condition[]; [key: string]: unknown }
}

/** A Service port. */
export interface ServicePort {
  name?: string
  port: number
  protocol?: string
  targetPort?: number | string
}

/** A Service. */
export interface Service extends KubeObject {
  spec?: {
    selector?: Record<string, string>
    ports?: ServicePort[]
    publishNotReadyAddresses?: boolean
    [key: string]: unknown
  }
}
