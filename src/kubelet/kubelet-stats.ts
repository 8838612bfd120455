/**
 * The kubelet's own `/metrics` (what the `kubernetes-nodes` job scrapes) and its summary API
 * `/stats/summary` (v1alpha1, what `kubectl top` and metrics-server read), from the same running
 * containers and ContainerUsageMeter as `/metrics/cadvisor`.
 */
import type { KubeObject } from '../api/types.js'
import { cadvisorContainers } from './cadvisor-metrics.js'
import type { ContainerUsageMeter } from './container-usage.js'

/** The window the summary API's `usageNanoCores` is averaged over (cAdvisor's housekeeping is ~10 s). */
const RATE_WINDOW_MS = 10_000

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')

/** Renders the kubelet's `/metrics`: running pods and containers of the node. */
export function renderKubeletMetrics(pods: readonly KubeObject[]): string {
  const running = cadvisorContainers(pods)
  const podCount = running.filter((c) => c.sandbox).length
  return (
    '# HELP kubelet_running_container_count Number of containers currently running\n' +
    '# TYPE kubelet_running_container_count gauge\n' +
    `kubelet_running_container_count ${running.length - podCount}\n` +
    '# HELP kubelet_running_pod_count Number of pods currently running\n' +
    '# TYPE kubelet_running_pod_count gauge\n' +
    `kubelet_running_pod_count ${podCount}\n`
  )
}

/** Returns the summary API's answer for a node's pods. */
export function statsSummary(
  node: string,
  pods: readonly KubeObject[],
  meter: ContainerUsageMeter | undefined,
  nowMs: number
): unknown {
  const time = iso(nowMs)
  const containers = cadvisorContainers(pods)
  const total = { cpuSeconds: 0, nanoCores: 0, workingSet: 0, rx: 0, tx: 0 }
  const byPod = new Map<string, { pod: KubeObject; containers: unknown[]; network?: unknown }>()
  for (const pod of pods)
    byPod.set(`${pod.metadata.namespace}/${pod.metadata.name}`, { pod, containers: [] })
  for (const c of containers) {
    const entry = byPod.get(`${c.namespace}/${c.pod}`)
    if (!entry) continue
    if (c.sandbox) {
      if (c.hostNetwork) continue
      const n = meter?.podNetwork(c.namespace, c.pod, c.startedAtMs)
      if (!n) continue
      total.rx += n.rxBytes
      total.tx += n.txBytes
      entry.network = { time, name: 'eth0', rxBytes: n.rxBytes, txBytes: n.txBytes }
      continue
    }
    const u = meter?.container(c.namespace, c.pod, c.container, c.startedAtMs)
    const recent = meter?.container(
      c.namespace,
      c.pod,
      c.container,
      Math.max(c.startedAtMs, nowMs - RATE_WINDOW_MS)
    )
    const nanoCores = Math.round(((recent?.cpuSeconds ?? 0) / (RATE_WINDOW_MS / 1000)) * 1e9)
    const cpuNs = Math.round((u?.cpuSeconds ?? 0) * 1e9)
    const ws = u?.workingSetBytes ?? 0
    total.cpuSeconds += u?.cpuSeconds ?? 0
    total.nanoCores += nanoCores
    total.workingSet += ws
    entry.containers.push({
      name: c.container,
      startTime: iso(c.startedAtMs),
      cpu: { time, usageNanoCores: nanoCores, usageCoreNanoSeconds: cpuNs },
      memory: { time, usageBytes: ws, workingSetBytes: ws },
    })
  }
  const starts = containers.filter((c) => c.sandbox).map((c) => c.startedAtMs)
  return {
    node: {
      nodeName: node,
      startTime: iso(starts.length ? Math.min(...starts) : nowMs),
      cpu: {
        time,
        usageNanoCores: total.nanoCores,
        usageCoreNanoSeconds: Math.round(total.cpuSeconds * 1e9),
      },
      memory: { time, usageBytes: total.workingSet, workingSetBytes: total.workingSet },
      network: { time, name: 'eth0', rxBytes: total.rx, txBytes: total.tx },
    },
    pods: [...byPod.values()].map(({ pod, containers: cs, network }) => ({
      podRef: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
      startTime: (pod.status as { startTime?: string } | undefined)?.startTime ?? time,
      containers: cs,
      ...(network ? { network } : {}),
    })),
  }
}
