// The few fields of Kubernetes objects the specs read, in the camelCase shape
// @kubernetes/client-node returns. The client's own classes are assignable to these, so checks can
// be fed by the real client or by plain objects in unit tests.

/** Object metadata. */
export interface Meta {
  name?: string
  namespace?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: { kind: string; name: string; controller?: boolean }[]
  deletionTimestamp?: Date | string
}

/** A container or init container of a pod spec. */
export interface ContainerSpec {
  name: string
  image?: string
  restartPolicy?: string
}

/** One container's status. */
export interface ContainerStatus {
  name: string
  ready: boolean
  restartCount: number
  started?: boolean
  state?: {
    running?: object
    waiting?: { reason?: string }
    terminated?: { exitCode: number; reason?: string; signal?: number }
  }
}

/** A condition of a pod, node or deployment. */
export interface Condition {
  type: string
  status: string
  reason?: string
}

/** A v1 Pod. */
export interface Pod {
  metadata?: Meta
  spec?: { nodeName?: string; containers: ContainerSpec[]; initContainers?: ContainerSpec[] }
  status?: {
    phase?: string
    reason?: string
    conditions?: Condition[]
    containerStatuses?: ContainerStatus[]
    initContainerStatuses?: ContainerStatus[]
  }
}

/** A v1 Node. */
export interface Node {
  metadata?: Meta
  spec?: { taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean }
  status?: { capacity?: Record<string, string>; conditions?: Condition[] }
}

/** A v1 Namespace. */
export interface Namespace {
  metadata?: Meta
  status?: { phase?: string }
}

/** One port of a Service. */
export interface ServicePort {
  name?: string
  port: number
  nodePort?: number
  protocol?: string
}

/** A v1 Service. */
export interface Service {
  metadata?: Meta
  spec?: { type?: string; ports?: ServicePort[]; externalIPs?: string[]; externalName?: string }
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } }
}

/** An apps/v1 Deployment. */
export interface Deployment {
  metadata?: Meta
  spec?: {
    replicas?: number
    template: { metadata?: Meta; spec?: { containers: ContainerSpec[] } }
  }
  status?: {
    replicas?: number
    readyReplicas?: number
    availableReplicas?: number
    conditions?: Condition[]
  }
}

/** A v1 ConfigMap. */
export interface ConfigMap {
  metadata?: Meta
  data?: Record<string, string>
}
