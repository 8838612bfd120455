/**
 * Prometheus's Kubernetes service discovery (roles `endpoints`, `node`, `pod`) done by the lab
 * from its API objects: target groups with the `__meta_kubernetes_*` labels Prometheus 2.x sets,
 * written as file_sd groups so that the chart's relabelling selects and names the targets.
 */
import type { KubeObject } from '../../api/types.js'
import type { KubeClient } from '../../client/index.js'

/** One file_sd target group. */
export interface TargetGroup {
  targets: string[]
  labels: Record<string, string>
}

/** The objects discovery reads, listed once per round. */
export interface ClusterObjects {
  endpoints: KubeObject[]
  services: KubeObject[]
  pods: KubeObject[]
  nodes: KubeObject[]
}

const ref = (resource: string) => ({ apiVersion: 'v1', resource, namespaced: resource !== 'nodes' })

/** Lists what the given roles need (each list once). */
export async function listClusterObjects(
  kube: KubeClient,
  roles: ReadonlySet<string>
): Promise<ClusterObjects> {
  const list = async (resource: string, needed: boolean) =>
    needed ? (await kube.list(ref(resource))).items : []
  const [endpoints, services, pods, nodes] = await Promise.all([
    list('endpoints', roles.has('endpoints')),
    list('services', roles.has('endpoints')),
    list('pods', roles.has('pod') || roles.has('endpoints')),
    list('nodes', roles.has('node')),
  ])
  return { endpoints, services, pods, nodes }
}

/** Prometheus's label-name sanitising (`strutil.SanitizeLabelName`). */
export const sanitize = (s: string) => s.replace(/[^a-zA-Z0-9_]/g, '_')

const mapped = (prefix: string, m: Record<string, string> | undefined) => {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(m ?? {})) {
    out[`${prefix}_${sanitize(k)}`] = v
    out[`${prefix}present_${sanitize(k)}`] = 'true'
  }
  return out
}

const objectLabels = (kind: string, o: KubeObject) => ({
  ...mapped(`__meta_kubernetes_${kind}_label`, o.metadata.labels),
  ...mapped(`__meta_kubernetes_${kind}_annotation`, o.metadata.annotations),
})

interface PodSpecLike {
  nodeName?: string
  containers?: {
    name: string
    ports?: { name?: string; containerPort?: number; protocol?: string }[]
  }[]
}
interface PodStatusLike {
  podIP?: string
  hostIP?: string
  phase?: string
  conditions?: { type: string; status: string }[]
}

function podLabels(p: KubeObject): Record<string, string> {
  const spec = (p.spec ?? {}) as PodSpecLike
  const status = (p.status ?? {}) as PodStatusLike
  const owner = p.metadata.ownerReferences?.find((r) => r.controller)
  return {
    __meta_kubernetes_namespace: p.metadata.namespace ?? '',
    __meta_kubernetes_pod_name: p.metadata.name ?? '',
    __meta_kubernetes_pod_ip: status.podIP ?? '',
    __meta_kubernetes_pod_ready: String(
      status.conditions?.find((c) => c.type === 'Ready')?.status === 'True'
    ),
    __meta_kubernetes_pod_phase: status.phase ?? '',
    __meta_kubernetes_pod_node_name: spec.nodeName ?? '',
    __meta_kubernetes_pod_host_ip: status.hostIP ?? '',
    __meta_kubernetes_pod_uid: p.metadata.uid ?? '',
    ...(owner
      ? {
          __meta_kubernetes_pod_controller_kind: owner.kind,
          __meta_kubernetes_pod_controller_name: owner.name,
        }
      : {}),
    ...objectLabels('pod', p),
  }
}

/** Role `pod`: one target per declared container port (one bare IP for a pod without ports). */
export function podTargets(objs: ClusterObjects, namespaces: string[]): TargetGroup[] {
  const out: TargetGroup[] = []
  for (const p of objs.pods) {
    if (namespaces.length && !namespaces.includes(p.metadata.namespace ?? '')) continue
    const ip = (p.status as PodStatusLike | undefined)?.podIP
    if (!ip) continue
    const base = podLabels(p)
    let any = false
    for (const c of (p.spec as PodSpecLike | undefined)?.containers ?? [])
      for (const port of c.ports ?? []) {
        any = true
        out.push({
          targets: [`${ip}:${port.containerPort ?? ''}`],
          labels: {
            ...base,
            __meta_kubernetes_pod_container_name: c.name,
            __meta_kubernetes_pod_container_port_name: port.name ?? '',
            __meta_kubernetes_pod_container_port_number: String(port.containerPort ?? ''),
            __meta_kubernetes_pod_container_port_protocol: port.protocol ?? 'TCP',
          },
        })
      }
    if (!any) out.push({ targets: [ip], labels: base })
  }
  return out
}

/** Role `node`: the kubelet's address, `instance` set to the node's name as Prometheus does. */
export function nodeTargets(objs: ClusterObjects): TargetGroup[] {
  return objs.nodes.map((n) => {
    const status = (n.status ?? {}) as {
      addresses?: { type: string; address: string }[]
      daemonEndpoints?: { kubeletEndpoint?: { Port?: number } }
    }
    const addrs = status.addresses ?? []
    const ip = addrs.find((a) => a.type === 'InternalIP')?.address ?? addrs[0]?.address ?? ''
    const port = status.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250
    const labels: Record<string, string> = {
      instance: n.metadata.name ?? '',
      __meta_kubernetes_node_name: n.metadata.name ?? '',
      ...objectLabels('node', n),
    }
    for (const a of addrs) labels[`__meta_kubernetes_node_address_${a.type}`] ??= a.address
    return { targets: [`${ip}:${port}`], labels }
  })
}

interface SubsetLike {
  addresses?: { ip?: string; targetRef?: { kind?: string; name?: string; namespace?: string } }[]
  notReadyAddresses?: SubsetLike['addresses']
  ports?: { name?: string; port?: number; protocol?: string }[]
}

/**
 * Role `endpoints`: one target per address and port of each Endpoints object, with its Service's
 * labels and annotations and the backing pod's. `apiServer` stands in for the `kubernetes`
 * Service's endpoint when no Endpoints object lists the API server.
 */
export function endpointsTargets(
  objs: ClusterObjects,
  namespaces: string[],
  apiServer?: string
): TargetGroup[] {
  const inScope = (ns: string | undefined) => !namespaces.length || namespaces.includes(ns ?? '')
  const svc = new Map(objs.services.map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]))
  const pods = new Map(objs.pods.map((p) => [`${p.metadata.namespace}/${p.metadata.name}`, p]))
  const eps = objs.endpoints.filter((e) => inScope(e.metadata.namespace))
  const kubernetes = svc.get('default/kubernetes')
  if (
    apiServer &&
    kubernetes &&
    inScope('default') &&
    !eps.some((e) => e.metadata.namespace === 'default' && e.metadata.name === 'kubernetes')
  ) {
    const [ip, port] = apiServer.split(':')
    eps.push({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default' },
      subsets: [
        { addresses: [{ ip }], ports: [{ name: 'https', port: Number(port), protocol: 'TCP' }] },
      ],
    } as KubeObject)
  }
  const out: TargetGroup[] = []
  for (const e of eps) {
    const ns = e.metadata.namespace ?? ''
    const s = svc.get(`${ns}/${e.metadata.name}`)
    const base: Record<string, string> = {
      __meta_kubernetes_namespace: ns,
      __meta_kubernetes_endpoints_name: e.metadata.name ?? '',
      ...(s
        ? { __meta_kubernetes_service_name: s.metadata.name ?? '', ...objectLabels('service', s) }
        : {}),
    }
    for (const sub of (e as { subsets?: SubsetLike[] }).subsets ?? [])
      for (const [ready, list] of [
        ['true', sub.addresses],
        ['false', sub.notReadyAddresses],
      ] as const)
        for (const a of list ?? [])
          for (const port of sub.ports ?? []) {
            const pod =
              a.targetRef?.kind === 'Pod'
                ? pods.get(`${a.targetRef.namespace ?? ns}/${a.targetRef.name}`)
                : undefined
            out.push({
              targets: [`${a.ip ?? ''}:${port.port ?? ''}`],
              labels: {
                ...(pod ? podLabels(pod) : {}),
                ...base,
                __meta_kubernetes_endpoint_port_name: port.name ?? '',
                __meta_kubernetes_endpoint_port_protocol: port.protocol ?? 'TCP',
                __meta_kubernetes_endpoint_ready: ready,
                ...(a.targetRef?.kind
                  ? {
                      __meta_kubernetes_endpoint_address_target_kind: a.targetRef.kind,
                      __meta_kubernetes_endpoint_address_target_name: a.targetRef.name ?? '',
                    }
                  : {}),
              },
            })
          }
  }
  return out
}

/** Returns the target groups of a role (unknown roles discover nothing). */
export function roleTargets(
  role: string,
  objs: ClusterObjects,
  namespaces: string[],
  apiServer?: string
): TargetGroup[] {
  if (role === 'endpoints') return endpointsTargets(objs, namespaces, apiServer)
  if (role === 'node') return nodeTargets(objs)
  if (role === 'pod') return podTargets(objs, namespaces)
  return []
}
