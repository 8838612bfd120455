import { clusterBench, type NodesFigure, type PodRun, type PodsFigure } from './cluster-bench.js'

/** The issue's targets: 5,000 nodes Ready in 10 s, 10,000 pods Ready in 20 s, kubectl under 200 ms. */
export const CLUSTER_TARGETS = { nodesPerSecond: 500, podsPerSecond: 500, kubectlMs: 200 }

const num = (n: number | undefined, digits = 0) => (n === undefined ? '—' : n.toFixed(digits))

function row(cols: string[]): string {
  const widths = [34, 12, 12, 30, 8]
  return (
    '  ' + cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ')
  )
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.floor(s.length / 2)]! : NaN
}

/** Prints one figure as a table row: value, target, reference and the ratio. */
function printFigure(f: NodesFigure | PodsFigure): void {
  if (!('pods' in f)) {
    console.log(
      row([
        `${f.nodes} nodes Ready (kubeadm join)`,
        `${num(f.seconds, 1)} s`,
        `${num(f.nodesPerSecond)} n/s`,
        `target ${CLUSTER_TARGETS.nodesPerSecond} n/s`,
        f.nodesPerSecond === undefined
          ? 'timeout'
          : `${(f.nodesPerSecond / CLUSTER_TARGETS.nodesPerSecond).toFixed(2)}×`,
      ])
    )
    if (f.cpuSeconds !== undefined) console.log(cpuRow(f.cpuSeconds, f.nodes, 'node'))
    return
  }
  const shape =
    (f.perDeployment >= f.pods ? 'in ONE Deployment' : `in Deployments of ${f.perDeployment}`) +
    (f.pinned ? ', on ONE node (no scheduler)' : '')
  const ceiling = f.writesPerSecond / f.writesPerPod
  console.log(
    row([
      `${f.pods} pods ${shape}`,
      `${f.seconds.toFixed(1)} s${f.ready < f.pods ? ` (${f.ready} Ready)` : ''}`,
      `${num(f.podsPerSecond)} p/s`,
      `ref ${num(f.writesPerSecond)} w/s ÷ ${num(f.writesPerPod, 1)} w/pod = ${num(ceiling)} p/s`,
      `${f.fractionOfWriteLimit.toFixed(2)}×`,
    ])
  )
  console.log(
    row([
      `  target ${CLUSTER_TARGETS.podsPerSecond} p/s`,
      '',
      '',
      '',
      `${(f.podsPerSecond / CLUSTER_TARGETS.podsPerSecond).toFixed(2)}×`,
    ])
  )
  const finite = f.kubectlMs.filter(Number.isFinite)
  console.log(
    row([
      '  kubectl get nodes meanwhile',
      `max ${num(Math.max(...f.kubectlMs))} ms`,
      `p50 ${num(median(finite))} ms`,
      `ref idle ${num(f.kubectlIdleMs)} ms, target ${CLUSTER_TARGETS.kubectlMs}`,
      `${(Math.max(...f.kubectlMs) / CLUSTER_TARGETS.kubectlMs).toFixed(2)}×`,
    ])
  )
  console.log(
    row([
      '  event-loop delay meanwhile',
      `max ${num(f.loopDelayMaxMs)} ms`,
      `p99 ${num(f.loopDelayP99Ms)} ms`,
      `${f.kubectlMs.length} kubectl runs`,
      '',
    ])
  )
  console.log(
    `    writes per pod: ${f.writesBy
      .slice(0, 8)
      .map(([k, n]) => `${k} ${n.toFixed(2)}`)
      .join(', ')}`
  )
  console.log(cpuRow(f.cpuSeconds, f.ready, 'pod'))
  console.log(
    row([
      `  deleting the ${f.pods} pods`,
      `${num(f.deleteSeconds, 1)} s`,
      f.deleteSeconds === undefined ? 'timeout' : `${num(f.pods / f.deleteSeconds)} p/s`,
      `target ${CLUSTER_TARGETS.podsPerSecond} p/s; CPU ${num(f.deleteCpuSeconds, 1)} s`,
      f.deleteSeconds === undefined
        ? ''
        : `${(f.pods / f.deleteSeconds / CLUSTER_TARGETS.podsPerSecond).toFixed(2)}×`,
    ])
  )
  console.log(row(['  peak RSS', `${num(f.peakRssMb)} MiB`, '', '', '']))
}

/** A row of the CPU the lab's process spent: what a figure costs, however loaded the machine. */
function cpuRow(cpuSeconds: number, count: number, what: string): string {
  return row([
    '  CPU of the lab process',
    `${num(cpuSeconds, 1)} s`,
    `${num((1000 * cpuSeconds) / Math.max(1, count), 2)} ms/${what}`,
    `${num(count / cpuSeconds)} ${what}s per CPU-second`,
    '',
  ])
}

/**
 * Parses BENCH_PODS (`1000x100,3000x3000,1000x100p`: pods × per Deployment; a trailing `p` pins
 * every pod to one node, KWOK's shape).
 */
export function podRuns(text: string): PodRun[] {
  return text
    .split(',')
    .filter(Boolean)
    .map((s) => {
      const m = /^(\d+)x(\d+)(p?)$/.exec(s.trim())
      if (!m) throw new Error(`BENCH_PODS: "${s}" is not <pods>x<per Deployment>[p]`)
      return { pods: Number(m[1]), perDeployment: Number(m[2]), pinned: m[3] === 'p' }
    })
}

/**
 * Runs the cluster benchmark's parts (`nodes`, `pods`, `inject`; `cluster` is all three), prints
 * each figure beside its target and its same-run reference, and returns the figures for --json.
 * BENCH_NODES, BENCH_PODS, BENCH_WORKERS and BENCH_LIMIT_SECONDS (per run) tune it;
 * BENCH_CPU_PROFILE=<dir> writes a CPU profile of each measured phase there.
 */
export async function printClusterBench(root: string, parts: string[]): Promise<unknown> {
  const all = parts.includes('cluster')
  const nodeCounts =
    all || parts.includes('nodes')
      ? (process.env.BENCH_NODES ?? '100,300,1000').split(',').filter(Boolean).map(Number)
      : []
  const runs =
    all || parts.includes('pods')
      ? podRuns(process.env.BENCH_PODS ?? '1000x100,3000x100,1000x1000,3000x3000,1000x100p')
      : []
  const injected = all || parts.includes('inject') ? 1000 : 0
  if (nodeCounts.length + runs.length === 0 && injected === 0) return undefined
  console.log(
    'Simulated cluster (in process, profile time factor; API over HTTPS for kubectl and the reference):'
  )
  console.log(row(['figure', 'time', 'rate', 'reference / target', 'ratio']))
  const r = await clusterBench(root, {
    nodeCounts,
    podRuns: runs,
    workers: Number(process.env.BENCH_WORKERS ?? 99),
    injected,
    limitMs: Number(process.env.BENCH_LIMIT_SECONDS ?? 110) * 1000,
    onFigure: printFigure,
  })
  if (r.injected)
    console.log(
      row([
        `${r.injected.pods} pods through the Istio injector`,
        `${r.injected.seconds.toFixed(1)} s`,
        '',
        '',
        '',
      ])
    )
  return { ...r, targets: CLUSTER_TARGETS }
}
