import { availableParallelism } from 'node:os'
import type { WallTimes } from './api-probes.js'
import type { KubectlTraceTimes } from './nodeport-kubectl.js'
import type { NodePortApiBenchResult, NodePortApiSide } from './nodeport-phases.js'

const cols = (w: WallTimes) =>
  `${[w.p50ms, w.p90ms, w.p99ms, w.maxms].map((x) => x.toFixed(0).padStart(6)).join('')}  (${String(w.samples)} runs${w.failures ? `, ${String(w.failures)} failed` : ''})`

/** One line of where a traced kubectl run's time went (p50, or p90 of each part). */
function traceLine(t: KubectlTraceTimes, pick: (w: WallTimes) => number): string {
  const v = (k: keyof KubectlTraceTimes) => pick(t[k]).toFixed(0)
  return `start ${v('startMs')} + setup ${v('setupMs')} + request ${v('requestMs')} (dial ${v('dialMs')}, TLS ${v('tlsMs')}, server ${v('serverMs')}) + print/exit ${v('afterMs')} = wall ${v('wallMs')} ms`
}

/** Returns the bench's table: the lab next to the bare reference, idle and under load. */
export function nodePortApiTable(r: NodePortApiBenchResult): string[] {
  const sides = [
    ['lab', r],
    ['bare', r.reference],
  ] as const
  const out = [
    `  ${''.padEnd(50)}${['p50', 'p90', 'p99', 'max'].map((h) => h.padStart(6)).join('')}  ms`,
  ]
  const row = (label: string, w: WallTimes) => out.push(`  ${label.padEnd(50)}${cols(w)}`)
  const commands = Object.keys(r.idle.kubectl.byCommand)
  for (const c of commands)
    for (const [name, side] of sides) {
      row(`${c}, ${name} idle`, side.idle.kubectl.byCommand[c]!)
      row(`${c}, ${name} under load`, side.load.kubectl.byCommand[c]!)
    }
  for (const [name, side] of sides) {
    row(`all of these, ${name} idle`, side.idle.kubectl.all)
    row(`all of these, ${name} under load`, side.load.kubectl.all)
  }
  for (const [name, side] of sides) {
    row(`kept-alive GET /api/v1/pods, ${name} idle`, side.idle.api)
    row(`kept-alive GET /api/v1/pods, ${name} under load`, side.load.api)
  }
  out.push(`  where kubectl get pods -A -v=9's time goes (client-go's trace; p50, then p90):`)
  for (const [name, side] of sides)
    for (const [phase, k] of [
      ['idle', side.idle.kubectl.traced],
      ['under load', side.load.kubectl.traced],
    ] as const) {
      out.push(
        `    ${`${name} ${phase}`.padEnd(15)} p50 ${traceLine(k, (w) => w.p50ms)}  (${String(k.wallMs.samples)} runs)`
      )
      out.push(`    ${''.padEnd(15)} p90 ${traceLine(k, (w) => w.p90ms)}`)
    }
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`
  const m = (x: NodePortApiSide['idle']['machine']) =>
    `${x.busyCores.toFixed(2)} cores busy, load ${x.load1.toFixed(1)}, lab's Prometheus ${pct(x.labChildrenCpu)}`
  for (const [name, side] of sides)
    out.push(
      `  machine in the ${name} phases: idle ${m(side.idle.machine)}; under load ${m(side.load.machine)} (of ${String(availableParallelism())} cores)`
    )
  for (const [name, side] of sides) {
    const n = side.nodePort
    // The probes and kubectl cost the same in both phases: what the load added, per request.
    const added = side.load.daemonCpuSeconds - side.idle.daemonCpu * side.load.seconds
    const perReq = n.ok > 0 ? (Math.max(0, added) * 1e6) / n.ok : 0
    const slowest = n.perSecond.length ? Math.min(...n.perSecond) : 0
    out.push(
      `  ${name === 'lab' ? 'NodePort → msb-iag → multicloud' : 'bare proxy → bare server'}: ${n.rps.toFixed(0)} req/s of ${String(n.targetRps)} for ${n.seconds.toFixed(0)} s (slowest second ${String(slowest)}; p50 ${n.p50ms.toFixed(1)} ms, p99 ${n.p99ms.toFixed(1)} ms, ${String(n.errors)} errors, ${String(n.missed)} tokens missed, ${String(n.peakConnections)} connections at most, ${n.maxBehindMs.toFixed(0)} ms behind at most) on ${side.targets.join(', ')}`
    )
    out.push(
      `    CPU: ${name === 'lab' ? 'daemon' : 'bare process'} ${pct(side.idle.daemonCpu)} idle, ${pct(side.load.daemonCpu)} under load (${perReq.toFixed(0)} µs per request over idle); load generator ${pct(side.loadCpu)} (${n.ok > 0 ? ((n.cpuSeconds * 1e6) / n.ok).toFixed(0) : '0'} µs per request)`
    )
  }
  return out
}
