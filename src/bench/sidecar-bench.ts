import type { KubeObject } from '../api/types.js'
import { MeshHooks, meshTesting, ReportBus, staticMeshSource } from '../mesh/index.js'
import { scaledClock } from '../util/index.js'
import { startLabSidecarPaths } from './sidecar-lab-path.js'

/** Throughput and latency of one request path. */
export interface PathFigures {
  rps: number
  p50ms: number
  p90ms: number
  requests: number
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
}

const pct = (xs: number[], p: number) =>
  xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0

async function paced(send: () => Promise<unknown>, rps: number, count: number): Promise<number[]> {
  const lat: number[] = []
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
  return lat.sort((a, b) => a - b)
}

async function load(
  send: () => Promise<unknown>,
  concurrency: number,
  durationMs: number,
  max: number
): Promise<PathFigures> {
  const lat: number[] = []
  const end = performance.now() + durationMs
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end && lat.length < max) {
        const s = performance.now()
        await send()
        lat.push(performance.now() - s)
      }
    })
  )
  const secs = (performance.now() - t0) / 1000
  lat.sort((a, b) => a - b)
  return { rps: lat.length / secs, p50ms: pct(lat, 50), p90ms: pct(lat, 90), requests: lat.length }
}

/** Measures one path pair: closed-loop load on each, then 2,000 requests each at 1,000/s. */
export async function measurePair(
  plainSend: () => Promise<unknown>,
  meshedSend: () => Promise<unknown>,
  o: { concurrency: number; durationMs: number; maxRequests?: number }
): Promise<PathPair> {
  const max = o.maxRequests ?? 200_000
  const p = await load(plainSend, o.concurrency, o.durationMs, max)
  const s = await load(meshedSend, o.concurrency, o.durationMs, max)
  const pp = await paced(plainSend, 1000, 2000)
  const mp = await paced(meshedSend, 1000, 2000)
  return {
    plain: p,
    meshed: s,
    throughputCostPct: 100 * (1 - s.rps / p.rps),
    addedP50PerHopMs: (s.p50ms - p.p50ms) / 2,
    addedP90PerHopMs: (s.p90ms - p.p90ms) / 2,
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
    return { ...bare, lab: await measurePair(paths.plain, paths.meshed, o) }
  } finally {
    await paths.stop()
  }
}

function printPair(title: string, r: PathPair): void {
  const f = (x: number) => x.toFixed(3)
  console.log(title)
  console.log(
    `  no sidecar    ${r.plain.rps.toFixed(0).padStart(8)} req/s  p50 ${f(r.plain.p50ms)} ms  p90 ${f(r.plain.p90ms)} ms`
  )
  console.log(
    `  2 sidecars    ${r.meshed.rps.toFixed(0).padStart(8)} req/s  p50 ${f(r.meshed.p50ms)} ms  p90 ${f(r.meshed.p90ms)} ms  (throughput cost ${r.throughputCostPct.toFixed(0)} %)`
  )
  console.log(`  added per hop p50 ${f(r.addedP50PerHopMs)} ms  p90 ${f(r.addedP90PerHopMs)} ms`)
  const hop90 = (r.paced.meshedP90 - r.paced.plainP90) / 2
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
