import type { KubeObject } from '../api/types.js'
import { MeshHooks, ReportBus, staticMeshSource } from '../mesh/index.js'
import * as meshTesting from '../testing/mesh/index.js'
import { scaledClock } from '../util/index.js'
import { startLabSidecarPaths } from './sidecar-lab-path.js'

/** Throughput and latency of one request path. */
export interface PathFigures {
  rps: number
  p50ms: number
  p90ms: number
  requests: number
  /** Process CPU time per request, µs (less sensitive than rps to other load on the machine). */
  cpuUsPerRequest: number
}

/** The same request path without and with sidecars, and what the sidecars cost on it. */
export interface PathPair {
  plain: PathFigures
  /** Client sidecar (outbound) + server sidecar (inbound): two proxy hops. */
  meshed: PathFigures
  /** Throughput lost to the sidecars, in % of the plain path. */
  throughputCostPct: number
  /** Latency added per sidecar hop (half the two-hop difference), ms, closed loop. */
  addedP50PerHopMs: number
  addedP90PerHopMs: number
  /** The same at a paced 1,000 requests/s (2,000 requests per path). */
  paced: { plainP50: number; plainP90: number; meshedP50: number; meshedP90: number }
}

/**
 * What the sidecar benchmark measured: the bare in-process hop (a fake network, no kube-proxy)
 * with and without sidecars, and, when asked, the real hop through a sim lab's network (a pod
 * to a Service: DNS, kube-proxy, the apps host) with and without sidecars on both ends.
 */
export interface SidecarBenchResult extends PathPair {
  /** The real lab hop; undefined when the run was in-process only. */
  lab?: PathPair
  /**
   * A client outside the cluster over real TCP to a NodePort: the plain echo pod, and the injected
   * one behind its inbound Envoy (one sidecar hop). Undefined when in-process only.
   */
  node?: PathPair
}

const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0

async function paced(
  send: () => Promise<unknown>,
  rps: number,
  count: number,
  lat: number[]
): Promise<void> {
  const gap = 1000 / rps
  const t0 = performance.now()
  const inflight: Promise<unknown>[] = []
  for (let i = 0; i < count; i++) {
    const due = t0 + i * gap
    const wait = due - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    const s = performance.now()
    inflight.push(send().then(() => lat.push(performance.now() - s)))
  }
  await Promise.all(inflight)
}

/** What one path accumulated over its slices. */
interface Tally {
  lat: number[]
  ms: number
  cpuUs: number
}

async function slice(
  send: () => Promise<unknown>,
  concurrency: number,
  ms: number,
  max: number,
  t: Tally
): Promise<void> {
  const end = performance.now() + ms
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end && t.lat.length < max) {
        const s = performance.now()
        await send()
        t.lat.push(performance.now() - s)
      }
    })
  )
  const cpu = process.cpuUsage(cpu0)
  t.cpuUs += cpu.user + cpu.system
  t.ms += performance.now() - t0
}

function figures(t: Tally): PathFigures {
  t.lat.sort((a, b) => a - b)
  const n = t.lat.length
  return {
    rps: n / (t.ms / 1000),
    p50ms: pct(t.lat, 50),
    p90ms: pct(t.lat, 90),
    requests: n,
    cpuUsPerRequest: n ? t.cpuUs / n : 0,
  }
}

// Both paths run in alternating slices of this length, so a change in the machine's other load
// during the run weighs on both alike.
const SLICE_MS = 250

/**
 * Measures one path pair: closed-loop load on each in alternating slices, then 2,000 requests
 * each at 1,000/s (alternating blocks of 500).
 */
export async function measurePair(
  plainSend: () => Promise<unknown>,
  meshedSend: () => Promise<unknown>,
  o: { concurrency: number; durationMs: number; maxRequests?: number; hops?: number }
): Promise<PathPair> {
  const hops = o.hops ?? 2
  const max = o.maxRequests ?? 200_000
  const tp: Tally = { lat: [], ms: 0, cpuUs: 0 }
  const tm: Tally = { lat: [], ms: 0, cpuUs: 0 }
  const slices = Math.max(1, Math.round(o.durationMs / SLICE_MS))
  for (let i = 0; i < slices; i++) {
    await slice(plainSend, o.concurrency, o.durationMs / slices, max, tp)
    await slice(meshedSend, o.concurrency, o.durationMs / slices, max, tm)
  }
  const p = figures(tp)
  const s = figures(tm)
  const pp: number[] = []
  const mp: number[] = []
  for (let i = 0; i < 4; i++) {
    await paced(plainSend, 1000, 500, pp)
    await paced(meshedSend, 1000, 500, mp)
  }
  pp.sort((a, b) => a - b)
  mp.sort((a, b) => a - b)
  return {
    plain: p,
    meshed: s,
    throughputCostPct: 100 * (1 - s.rps / p.rps),
    addedP50PerHopMs: (s.p50ms - p.p50ms) / hops,
    addedP90PerHopMs: (s.p90ms - p.p90ms) / hops,
    paced: {
      plainP50: pct(pp, 50),
      plainP90: pct(pp, 90),
      meshedP50: pct(mp, 50),
      meshedP90: pct(mp, 90),
    },
  }
}

/**
 * Measures the emulated Envoy's cost in one run: the same pod-to-service request through the
 * in-process network with no sidecars (pass-through) and with a sidecar on both ends (route
 * match, cluster, balancer, pool, report, access log), with reports going to a subscribed sink;
 * with `root`, also the same comparison on a real hop through a sim lab's network.
 */
export async function sidecarBench(o: {
  concurrency: number
  durationMs: number
  maxRequests?: number
  /** The repository root: measure the lab hop too (starts a sim lab; ≤ 120 s to get ready). */
  root?: string
}): Promise<SidecarBenchResult> {
  const t = meshTesting
  const build = (sidecar: boolean) => {
    const server = t.testPod({ app: 'web', version: 'v1', ips: [], sidecar }, '10.1.0.11', 0)
    const client = t.testPod({ app: 'client', version: 'v1', ips: [], sidecar }, '10.1.0.20', 0)
    const m = t.meshOf([server, client, ...t.testService('web', 'default', '10.96.0.10', [server])])
    const bus = new ReportBus()
    let reports = 0
    bus.subscribe(() => reports++)
    const hooks = new MeshHooks({
      source: staticMeshSource(m),
      clock: scaledClock(1),
      bus,
      logs: { append: () => {} },
    })
    const net = new t.FakeNetwork(hooks, () => m)
    // The hop's own work: an echo app answering with JSON describing the request.
    net.apps.set(server.metadata.name ?? '', (req, pod) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(
        JSON.stringify(
          {
            pod: pod.metadata.name,
            request: `${req.method} ${req.path} HTTP/1.1`,
            host: req.authority,
            headers: req.headers,
          },
          null,
          2
        )
      ),
    }))
    return {
      send: () => net.fetch(client as KubeObject, 'http://web:9080/'),
      reports: () => reports,
    }
  }
  const plain = build(false)
  const meshed = build(true)
  // Warm both paths (JIT, config build) before measuring.
  for (let i = 0; i < 500; i++) {
    await plain.send()
    await meshed.send()
  }
  const bare = await measurePair(plain.send, meshed.send, o)
  if (meshed.reports() < bare.meshed.requests * 2)
    throw new Error('failed to bench: the sidecars did not report every request')
  if (!o.root) return bare
  const paths = await startLabSidecarPaths(o.root)
  try {
    for (let i = 0; i < 200; i++) {
      await paths.plain()
      await paths.meshed()
    }
    const lab = await measurePair(paths.plain, paths.meshed, o)
    const node = await measurePair(paths.nodePlain, paths.nodeMeshed, { ...o, hops: 1 })
    return { ...bare, lab, node }
  } finally {
    await paths.stop()
  }
}

function printPair(title: string, r: PathPair, hops = 2): void {
  const f = (x: number) => x.toFixed(3)
  console.log(title)
  const cpu = (x: PathFigures) => `${x.cpuUsPerRequest.toFixed(1).padStart(6)} µs CPU/req`
  console.log(
    `  no sidecar    ${r.plain.rps.toFixed(0).padStart(8)} req/s  p50 ${f(r.plain.p50ms)} ms  p90 ${f(r.plain.p90ms)} ms  ${cpu(r.plain)}`
  )
  console.log(
    `  ${hops === 1 ? '1 sidecar ' : `${hops} sidecars`}    ${r.meshed.rps.toFixed(0).padStart(8)} req/s  p50 ${f(r.meshed.p50ms)} ms  p90 ${f(r.meshed.p90ms)} ms  ${cpu(r.meshed)}  (throughput cost ${r.throughputCostPct.toFixed(0)} %)`
  )
  console.log(`  added per hop p50 ${f(r.addedP50PerHopMs)} ms  p90 ${f(r.addedP90PerHopMs)} ms`)
  const hop90 = (r.paced.meshedP90 - r.paced.plainP90) / hops
  console.log(
    `  at 1,000 req/s: p90 ${f(r.paced.plainP90)} → ${f(r.paced.meshedP90)} ms, ${f(hop90)} ms added per hop (target ≤ 0.5 ms)`
  )
}

/**
 * Runs the sidecar benchmark and prints it (`npm run bench`, part `sidecar`): the sidecars' cost
 * against the real lab hop (pod → Service through the sim lab's network) and against the bare
 * in-process hop, in one run.
 */
export async function printSidecarBench(root?: string): Promise<void> {
  const r = await sidecarBench({ concurrency: 4, durationMs: 2000, ...(root ? { root } : {}) })
  if (r.node)
    printPair(
      'Sidecar hop as a client outside the cluster meets it (real TCP → NodePort → echo pod; the injected pod behind its inbound Envoy), same run:',
      r.node,
      1
    )
  if (r.lab)
    printPair('Sidecar hop vs the real lab hop (pod → Service in a sim lab, same run):', r.lab)
  printPair('Sidecar hop vs the bare in-process hop (fake network, 2 proxies per request):', r)
  if (r.lab) {
    const ratio = (p: PathPair) => (p.meshed.rps / p.plain.rps).toFixed(2)
    console.log(
      `  meshed/plain throughput ratio: ${ratio(r.lab)} on the lab hop, ${ratio(r)} on the bare hop`
    )
  }
}
