/**
 * The kubelet's `/metrics/cadvisor` as Kubernetes 1.11's embedded cAdvisor (v0.30) exposes it:
 * one series per running container (and its pod's `POD` sandbox), labelled `container_name`,
 * `id` (cgroup path), `image`, `name` (docker's `k8s_…` name), `namespace`, `pod_name`, computed
 * from the pods the kubelet runs (their statuses: container IDs, start times, restarts) and
 * what the containers did (ContainerUsageMeter). Exited containers have no series, as in cAdvisor.
 */
import type { KubeObject } from '../api/types.js'
import { containerId } from './container-runtime.js'
import type { ContainerUsageMeter } from './container-usage.js'

/** The pause image of Kubernetes 1.11 (kubelet `--pod-infra-container-image` default). */
export const PAUSE_IMAGE = 'k8s.gcr.io/pause:3.1'

/** One running container as cAdvisor sees it. */
export interface CadvisorContainer {
  labels: Record<string, string>
  startedAtMs: number
  /** The pod's sandbox (`POD`): it holds the network namespace. */
  sandbox: boolean
  namespace: string
  pod: string
  container: string
  hostNetwork: boolean
  spec?: Record<string, unknown>
}

interface ContainerStatusLike {
  name: string
  image?: string
  containerID?: string
  restartCount?: number
  state?: { running?: { startedAt?: string } }
}

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> }

/** Returns the pod's QoS class from its containers' resources (v1 `GetPodQOS`). */
export function qosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = ((pod.spec as { containers?: { resources?: Resources }[] })?.containers ?? []).map(
    (c) => c.resources ?? {}
  )
  const has = (r: Resources) =>
    Object.keys(r.requests ?? {}).length > 0 || Object.keys(r.limits ?? {}).length > 0
  if (!cs.some(has)) return 'BestEffort'
  const guaranteed = cs.every((r) =>
    ['cpu', 'memory'].every(
      (k) => r.limits?.[k] !== undefined && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]
    )
  )
  return guaranteed ? 'Guaranteed' : 'Burstable'
}

/** Returns the pod's cgroup (`/kubepods/burstable/pod<uid>`). */
export function podCgroup(pod: KubeObject): string {
  const qos = qosClass(pod)
  const uid = pod.metadata.uid ?? ''
  return qos === 'Guaranteed' ? `/kubepods/pod${uid}` : `/kubepods/${qos.toLowerCase()}/pod${uid}`
}

const hex = (id: string) => id.replace(/^[a-z]+:\/\//, '')

/** Returns the running containers of the pods (with each pod's sandbox), as cAdvisor lists them. */
export function cadvisorContainers(pods: readonly KubeObject[]): CadvisorContainer[] {
  const out: CadvisorContainer[] = []
  for (const pod of pods) {
    const status = pod.status as
      { containerStatuses?: ContainerStatusLike[]; startTime?: string } | undefined
    const running = (status?.containerStatuses ?? []).filter(
      (s) => s.state?.running?.startedAt && s.containerID
    )
    if (running.length === 0) continue
    const ns = pod.metadata.namespace ?? ''
    const name = pod.metadata.name ?? ''
    const uid = pod.metadata.uid ?? ''
    const cgroup = podCgroup(pod)
    const spec = pod.spec as {
      hostNetwork?: boolean
      containers?: { name: string; image?: string }[]
    }
    const hostNetwork = spec?.hostNetwork === true
    const base = { namespace: ns, pod: name, hostNetwork }
    const sandboxStart = Date.parse(status?.startTime ?? '') || 0
    out.push({
      ...base,
      container: 'POD',
      sandbox: true,
      startedAtMs: sandboxStart,
      labels: {
        container_name: 'POD',
        id: `${cgroup}/${hex(containerId(uid, 'POD', 1))}`,
        image: PAUSE_IMAGE,
        name: `k8s_POD_${name}_${ns}_${uid}_0`,
        namespace: ns,
        pod_name: name,
      },
    })
    for (const s of running) {
      const c = spec?.containers?.find((x) => x.name === s.name)
      out.push({
        ...base,
        container: s.name,
        sandbox: false,
        startedAtMs: Date.parse(s.state?.running?.startedAt ?? '') || 0,
        ...(c ? { spec: c as Record<string, unknown> } : {}),
        labels: {
          container_name: s.name,
          id: `${cgroup}/${hex(s.containerID ?? '')}`,
          image: c?.image ?? s.image ?? '',
          name: `k8s_${s.name}_${name}_${ns}_${uid}_${s.restartCount ?? 0}`,
          namespace: ns,
          pod_name: name,
        },
      })
    }
  }
  return out
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
const labelText = (l: Record<string, string>) =>
  `{${Object.keys(l)
    .sort()
    .map((k) => `${k}="${escape(l[k]!)}"`)
    .join(',')}}`

interface Family {
  name: string
  help: string
  type: 'counter' | 'gauge'
  lines: string[]
}

/** Parses a Kubernetes quantity of bytes (`128Mi`, `1G`, `1000`). */
function bytesOf(q: string | undefined): number | undefined {
  if (q === undefined) return undefined
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q)
  if (!m) return undefined
  const mult: Record<string, number> = {
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  }
  return Math.round(Number(m[1]) * (m[2] ? mult[m[2]]! : 1))
}

/** Returns the cgroup cpu.shares the kubelet sets for a CPU request (`250m` → 256; none → 2). */
function cpuShares(q: string | undefined): number {
  if (q === undefined) return 2
  const m = /^(\d+(?:\.\d+)?)(m)?$/.exec(q)
  if (!m) return 2
  const milli = m[2] ? Number(m[1]) : Number(m[1]) * 1000
  return Math.max(2, Math.floor((milli * 1024) / 1000))
}

/** Renders `/metrics/cadvisor` for the pods a kubelet runs. */
export function renderCadvisorMetrics(
  pods: readonly KubeObject[],
  meter: ContainerUsageMeter | undefined,
  nowMs: number
): string {
  const fam = (name: string, help: string, type: Family['type']): Family => ({
    name,
    help,
    type,
    lines: [],
  })
  const cpu = fam(
    'container_cpu_usage_seconds_total',
    'Cumulative cpu time consumed per cpu in seconds.',
    'counter'
  )
  const memUsage = fam(
    'container_memory_usage_bytes',
    'Current memory usage in bytes, including all memory regardless of when it was accessed',
    'gauge'
  )
  const memWs = fam('container_memory_working_set_bytes', 'Current working set in bytes.', 'gauge')
  const lastSeen = fam(
    'container_last_seen',
    'Last time a container was seen by the exporter',
    'gauge'
  )
  const rxB = fam(
    'container_network_receive_bytes_total',
    'Cumulative count of bytes received',
    'counter'
  )
  const rxP = fam(
    'container_network_receive_packets_total',
    'Cumulative count of packets received',
    'counter'
  )
  const txB = fam(
    'container_network_transmit_bytes_total',
    'Cumulative count of bytes transmitted',
    'counter'
  )
  const txP = fam(
    'container_network_transmit_packets_total',
    'Cumulative count of packets transmitted',
    'counter'
  )
  const shares = fam('container_spec_cpu_shares', 'CPU share of the container.', 'gauge')
  const memLimit = fam(
    'container_spec_memory_limit_bytes',
    'Memory limit for the container.',
    'gauge'
  )
  const start = fam(
    'container_start_time_seconds',
    'Start time of the container since unix epoch in seconds.',
    'gauge'
  )
  const add = (f: Family, labels: Record<string, string>, v: number) =>
    f.lines.push(`${f.name}${labelText(labels)} ${String(v)}`)
  for (const c of cadvisorContainers(pods)) {
    const u = c.sandbox
      ? { cpuSeconds: 0, workingSetBytes: 0 }
      : (meter?.container(c.namespace, c.pod, c.container, c.startedAtMs) ?? {
          cpuSeconds: 0,
          workingSetBytes: 0,
        })
    // cAdvisor reports `cpu="total"` when it has no per-CPU breakdown, and skips zero usage.
    if (u.cpuSeconds > 0) add(cpu, { ...c.labels, cpu: 'total' }, u.cpuSeconds)
    add(lastSeen, c.labels, Math.floor(nowMs / 1000))
    add(memUsage, c.labels, u.workingSetBytes)
    add(memWs, c.labels, u.workingSetBytes)
    const res = (c.spec?.resources ?? {}) as Resources
    add(shares, c.labels, cpuShares(res.requests?.cpu ?? res.limits?.cpu))
    add(memLimit, c.labels, bytesOf(res.limits?.memory) ?? 0)
    add(start, c.labels, c.startedAtMs / 1000)
    // The sandbox holds the pod's network namespace: eth0's counters are on its series.
    if (c.sandbox && !c.hostNetwork) {
      const n = meter?.podNetwork(c.namespace, c.pod, c.startedAtMs) ?? {
        rxBytes: 0,
        txBytes: 0,
        rxPackets: 0,
        txPackets: 0,
      }
      const l = { ...c.labels, interface: 'eth0' }
      add(rxB, l, n.rxBytes)
      add(rxP, l, n.rxPackets)
      add(txB, l, n.txBytes)
      add(txP, l, n.txPackets)
    }
  }
  return [cpu, lastSeen, memUsage, memWs, rxB, rxP, txB, txP, shares, memLimit, start]
    .filter((f) => f.lines.length > 0)
    .map((f) => `# HELP ${f.name} ${f.help}\n# TYPE ${f.name} ${f.type}\n${f.lines.join('\n')}\n`)
    .join('')
}
