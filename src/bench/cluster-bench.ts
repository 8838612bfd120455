import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { KubeClient } from '../client/index.js'
import {
  kubectlGetNodesMs,
  pollUntil,
  probeKubectl,
  startBenchLab,
  writesPerSecond,
  type BenchLab,
} from './cluster-lab.js'
import { startCpuProfile } from './cluster-profile.js'
import { injectedPods } from './injected-pods.js'
import { pauseDeployment } from './pause-deployment.js'

/** Nodes joining: how long until all were Ready. */
export interface NodesFigure {
  nodes: number
  /** Seconds until every node was Ready; undefined when not within the time limit. */
  seconds: number | undefined
  nodesPerSecond: number | undefined
  /** CPU seconds (user + system) the lab's process spent until then: the cost, whatever the load. */
  cpuSeconds?: number
}

/** One pod run: `pods` pods in Deployments of `perDeployment` replicas. */
export interface PodsFigure {
  pods: number
  perDeployment: number
  /** KWOK's shape: every pod bound to one node from the start (spec.nodeName), no scheduler. */
  pinned: boolean
  /** Pods Ready at the end (all of them, unless the time limit came first). */
  ready: number
  seconds: number
  podsPerSecond: number
  /** The reference, measured in the same lab just before: raw ConfigMap creates/s over HTTPS. */
  writesPerSecond: number
  /** API writes (resourceVersions) per pod during the run: creates, binds, statuses, events. */
  writesPerPod: number
  /** The writes per pod by resource and writer (`pods/status kubelet`), most first. */
  writesBy: [string, number][]
  /** pods/s ÷ (writes/s ÷ writes per pod): the share of the API's write capacity the pods used. */
  fractionOfWriteLimit: number
  /** `kubectl get nodes` on the idle lab (ms, median of 3) and during the run (ms, each second). */
  kubectlIdleMs: number
  kubectlMs: number[]
  /** The lab process's event-loop delay during the run (ms): p99 and max. */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  peakRssMb: number
  /**
   * Seconds from deleting the Deployments (`kubectl delete deployment`, background propagation)
   * until no pod of theirs is left in the store (the garbage collector, the kubelets' graceful
   * termination); undefined when not within the time limit.
   */
  deleteSeconds: number | undefined
  /** CPU seconds of this process meanwhile. */
  deleteCpuSeconds: number
  /**
   * CPU seconds (user + system) of this process during the run, the kubectl probes excepted
   * (their own processes): on a shared machine the cost per pod holds when the times do not.
   */
  cpuSeconds: number
}

/** What the cluster benchmark measured. */
export interface ClusterBenchResult {
  nodes: NodesFigure[]
  pods: PodsFigure[]
  injected?: { pods: number; seconds: number }
}

/** What the cluster benchmark runs; every run is bounded by `limitMs`. */
export interface ClusterBenchOptions {
  /** Lab sizes (nodes, master included) whose join is timed. */
  nodeCounts: number[]
  /** Pod runs, each in a fresh lab of `workers` workers. */
  podRuns: PodRun[]
  workers: number
  /** Pods created through the Istio injector (0: none). */
  injected: number
  limitMs: number
  /** Called with each figure as soon as it is measured. */
  onFigure?: (f: NodesFigure | PodsFigure) => void
}

/** A pod run: how many pods, in Deployments of how many, pinned to one node or scheduled. */
export interface PodRun {
  pods: number
  perDeployment: number
  pinned?: boolean
}

const DEPLOYMENTS = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }
const NAMESPACES = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }

function peakRssMb(): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024
}

/**
 * Measures the simulated cluster in this process at the profile's time factor, the API server on
 * HTTPS as kubectl sees it: how fast labs of each size get their nodes Ready after kubeadm
 * init/join, then for each pod run, in a fresh lab, the reference (raw ConfigMap creates/s through
 * the API over HTTPS), Deployments of pause-like pods until every pod is Running and Ready, with
 * the real `kubectl get nodes` timed once a second meanwhile.
 */
export async function clusterBench(
  root: string,
  o: ClusterBenchOptions
): Promise<ClusterBenchResult> {
  const result: ClusterBenchResult = { nodes: [], pods: [] }
  for (const n of o.nodeCounts) {
    const deadline = performance.now() + o.limitMs
    let f: NodesFigure
    try {
      const lab = await startBenchLab(root, n - 1, deadline, `nodes-${n}`)
      await lab.stop()
      f = {
        nodes: n,
        seconds: lab.readySeconds,
        nodesPerSecond: n / lab.readySeconds,
        cpuSeconds: lab.readyCpuSeconds,
      }
    } catch {
      f = { nodes: n, seconds: undefined, nodesPerSecond: undefined }
    }
    result.nodes.push(f)
    o.onFigure?.(f)
  }
  for (const run of o.podRuns) {
    const f = await podsRun(root, o.workers, run, o.limitMs)
    result.pods.push(f)
    o.onFigure?.(f)
  }
  if (o.injected > 0) {
    const lab = await startBenchLab(root, 2, performance.now() + o.limitMs)
    try {
      const seconds = await injectedPods(lab.lab.cluster.client('bench-istio'), root, o.injected)
      result.injected = { pods: o.injected, seconds }
    } finally {
      await lab.stop()
    }
  }
  return result
}

async function podsRun(
  root: string,
  workers: number,
  run: PodRun,
  limitMs: number
): Promise<PodsFigure> {
  const { pods, perDeployment: per, pinned = false } = run
  const deadline = performance.now() + limitMs
  const lab = await startBenchLab(root, workers, deadline, undefined, { bigFirstWorker: pinned })
  const node = pinned ? lab.firstWorker : undefined
  try {
    const writes = await writesPerSecond(root, lab.lab, 3000)
    const idle: number[] = []
    for (let i = 0; i < 3; i++) idle.push(await kubectlGetNodesMs(root, lab.kubeconfig))
    idle.sort((a, b) => a - b)
    await lab.client.create(NAMESPACES, { metadata: { name: 'bench' } })
    const store = lab.lab.cluster.api.store
    const rv0 = store.currentRv()
    const by = new Map<string, number>()
    const unsubscribe = store.subscribe((ev) => {
      const k = `${ev.storage} ${ev.by ?? '?'}`
      by.set(k, (by.get(k) ?? 0) + 1)
    })
    const probe = probeKubectl(root, lab.kubeconfig)
    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    const profile = await startCpuProfile(
      process.env.BENCH_CPU_PROFILE,
      `pods-${pods}x${per}${pinned ? 'p' : ''}`
    )
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    let tEnd = t0
    let cpu = cpu0
    let ready = 0
    let kubectlMs: number[] = []
    try {
      for (let i = 0; i * per < pods; i++)
        await lab.client.create(
          DEPLOYMENTS,
          pauseDeployment(
            `d${i}`,
            Math.min(per, pods - i * per),
            { cpu: '10m', memory: '16Mi' },
            node
          )
        )
      await pollUntil(async () => (ready = await readyReplicas(lab.client)) === pods, deadline)
      tEnd = performance.now()
      cpu = process.cpuUsage(cpu0)
    } finally {
      unsubscribe()
      kubectlMs = await probe.stop()
      loop.disable()
    }
    // Until the poll saw every pod Ready, not until the last kubectl probe returned.
    const seconds = (tEnd - t0) / 1000
    await profile.stop()
    const writesPerPod = (store.currentRv() - rv0) / Math.max(1, ready)
    const deleteProfile = await startCpuProfile(
      process.env.BENCH_CPU_PROFILE,
      `delete-${pods}x${per}${pinned ? 'p' : ''}`
    )
    const deleted = await deleteRun(lab, pods, per, performance.now() + limitMs)
    await deleteProfile.stop()
    const podsPerSecond = ready / seconds
    return {
      pods,
      perDeployment: per,
      pinned,
      ready,
      seconds,
      podsPerSecond,
      writesPerSecond: writes,
      writesPerPod,
      writesBy: [...by]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]): [string, number] => [k, n / Math.max(1, ready)]),
      fractionOfWriteLimit: podsPerSecond / (writes / writesPerPod),
      kubectlIdleMs: idle[1]!,
      kubectlMs,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      loopDelayMaxMs: loop.max / 1e6,
      peakRssMb: peakRssMb(),
      cpuSeconds: cpu === cpu0 ? NaN : (cpu.user + cpu.system) / 1e6,
      ...deleted,
    }
  } finally {
    await lab.stop()
  }
}

/** Deletes the run's Deployments as `kubectl delete` does and times until their pods are gone. */
async function deleteRun(
  lab: BenchLab,
  pods: number,
  per: number,
  deadline: number
): Promise<{ deleteSeconds: number | undefined; deleteCpuSeconds: number }> {
  const store = lab.lab.cluster.api.store
  const left = () => store.list('pods', 'bench', { copy: false }).items.length
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  for (let i = 0; i * per < pods; i++)
    await lab.client.delete(DEPLOYMENTS, `d${i}`, 'bench', { propagationPolicy: 'Background' })
  const gone = await pollUntil(() => Promise.resolve(left() === 0), deadline)
  const cpu = process.cpuUsage(cpu0)
  return {
    deleteSeconds: gone ? (performance.now() - t0) / 1000 : undefined,
    deleteCpuSeconds: (cpu.user + cpu.system) / 1e6,
  }
}

async function readyReplicas(client: KubeClient): Promise<number> {
  const list = await client.list(DEPLOYMENTS, { namespace: 'bench' })
  return list.items.reduce(
    (sum, d) => sum + ((d.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0),
    0
  )
}
