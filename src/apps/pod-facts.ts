import type { KubeObject } from '../api/types.js'
import type { PodEndpointInfo } from '../network/index.js'

/** The parts of a container spec the apps read. */
export interface ContainerShape {
  name?: string
  image?: string
  ports?: { containerPort?: number; protocol?: string }[]
  env?: { name?: string; value?: string; valueFrom?: { fieldRef?: { fieldPath?: string } } }[]
  readinessProbe?: { httpGet?: { path?: string; port?: number | string } }
  livenessProbe?: { httpGet?: { path?: string; port?: number | string } }
}

interface ContainerStatusShape {
  name?: string
  restartCount?: number
  state?: { running?: unknown }
}

/** The parts of a pod the apps read. */
export interface PodShape {
  spec?: {
    nodeName?: string
    serviceAccountName?: string
    containers?: ContainerShape[]
  }
  status?: { phase?: string; podIP?: string; containerStatuses?: ContainerStatusShape[] }
}

/** Returns a pod's containers. */
export function containersOf(pod: KubeObject): ContainerShape[] {
  return (pod as KubeObject & PodShape).spec?.containers ?? []
}

/** Returns the restart count of a running container, or undefined when it is not running. */
export function runningInstance(pod: KubeObject, container: string): number | undefined {
  const p = pod as KubeObject & PodShape
  if (p.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) return undefined
  const s = p.status.containerStatuses?.find((c) => c.name === container)
  return s?.state?.running ? (s.restartCount ?? 0) : undefined
}

/** Returns the TCP ports a container declares (`ports[].containerPort`). */
export function declaredPorts(c: ContainerShape): number[] {
  return (c.ports ?? [])
    .filter((p) => (p.protocol ?? 'TCP') === 'TCP' && typeof p.containerPort === 'number')
    .map((p) => p.containerPort as number)
}

/** Returns the owner kind of a pod (`ReplicaSet`, `Job`), if it has a controller. */
export function ownerKind(pod: KubeObject): string | undefined {
  return pod.metadata.ownerReferences?.find((o) => o.controller)?.kind
}

/** Returns a pod's identity as the network describes it (for apps started by the informer). */
export function podEndpointInfo(pod: KubeObject): PodEndpointInfo {
  const p = pod as KubeObject & PodShape
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
    ip: p.status?.podIP ?? '',
    nodeName: p.spec?.nodeName ?? '',
    labels: { ...(pod.metadata.labels ?? {}) },
    serviceAccount: p.spec?.serviceAccountName ?? 'default',
    hasSidecar: containersOf(pod).some((c) => c.name === 'istio-proxy'),
    pod,
  }
}

/** Returns a container's environment: plain values and the fieldRefs a pod can answer. */
export function containerEnv(pod: KubeObject, c: ContainerShape): Record<string, string> {
  const p = pod as KubeObject & PodShape
  const fields: Record<string, string | undefined> = {
    'metadata.name': pod.metadata.name,
    'metadata.namespace': pod.metadata.namespace,
    'spec.nodeName': p.spec?.nodeName,
    'spec.serviceAccountName': p.spec?.serviceAccountName,
    'status.podIP': p.status?.podIP,
  }
  const env: Record<string, string> = {}
  for (const e of c.env ?? []) {
    if (!e.name) continue
    const ref = e.valueFrom?.fieldRef?.fieldPath
    const v = e.value ?? (ref ? fields[ref] : undefined)
    if (v !== undefined) env[e.name] = v
  }
  return env
}
