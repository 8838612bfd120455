import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KubeObject } from '../api/types.js'
import { startSimLab } from '../backends/sim/index.js'
import type { KubeClient } from '../client/index.js'
import { manifestObjects } from '../istio/index.js'
import { servicesRef } from '../network/index.js'
import { sampleLoad, summarize, type LoadResult } from './http-load.js'
import { msbBenchObjects } from './msb-objects.js'
import { defaultLab } from './default-lab.js'
import { Refs } from '../client/index.js'

const PATH = '/api/multicloud/v0/swagger.json'
const NAMESPACES = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }
const DEPLOYMENTS = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }
// The istio.yaml pieces the measurement needs: the injector (sidecars for msb-iag and multicloud),
// Pilot (their config), istio-policy (the inbound check), istio-telemetry (Mixer takes the
// reports) and istio-tracing (the spans' collector).
const ISTIO_DEPLOYMENTS = new Set([
  'istio-sidecar-injector',
  'istio-pilot',
  'istio-policy',
  'istio-telemetry',
  'istio-tracing',
])
const ISTIO_KINDS = new Set([
  'Namespace',
  'ConfigMap',
  'ServiceAccount',
  'Service',
  'MutatingWebhookConfiguration',
  'Deployment',
])

/** What the telemetry benchmark measured. */
export interface TelemetryBenchResult {
  /** NodePort → msb-iag → multicloud, both injected, add-ons taking every report. */
  on: LoadResult
  /** The same path in the same lab with metrics and spans turned off. */
  off: LoadResult
  /** on.rps / off.rps (target ≥ 0.8). */
  ratio: number
  /**
   * on/off of each adjacent pair of slices: its median, and its 10th and 90th percentiles (how
   * much the machine's other load moved the pairs).
   */
  pairRatio: { p10: number; median: number; p90: number }
  /**
   * This process's CPU time (user + system) per request in each mode, µs: the lab and the load
   * share the process, so off/on is the ratio on an idle machine, less sensitive to other load.
   */
  cpuUs: { on: number; off: number }
  spansSent: number
  reportsReceived: number
}

// The median and the 10th and 90th percentiles of a list (nearest rank).
function quantiles(xs: number[]): { p10: number; median: number; p90: number } {
  const s = [...xs].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0
  const median =
    s.length % 2 === 1 ? at(0.5) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2
  return { p10: at(0.1), median, p90: at(0.9) }
}

async function until(
  fn: () => Promise<boolean>,
  timeoutMs: number,
  what: () => string
): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await fn().catch(() => false)) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`benchmark timed out waiting for ${what()}`)
}

function refOf(o: KubeObject) {
  const kind = String(o.kind)
  return {
    apiVersion: String(o.apiVersion),
    resource: `${kind.toLowerCase()}${kind.endsWith('s') ? 'es' : 's'}`,
    namespaced: kind !== 'Namespace' && kind !== 'MutatingWebhookConfiguration',
  }
}

async function installIstioSubset(client: KubeClient, root: string): Promise<void> {
  const objs = manifestObjects(readFileSync(join(root, 'fixtures', 'istio', 'istio.yaml'), 'utf8'))
  for (const o of objs) {
    if (!ISTIO_KINDS.has(String(o.kind))) continue
    if (o.kind === 'Deployment' && !ISTIO_DEPLOYMENTS.has(o.metadata.name ?? '')) continue
    // Objects another piece of the manifest already created (a Namespace twice) are fine.
    await client.create(refOf(o), o).catch(() => undefined)
  }
  await until(
    async () => {
      const eps = await client.get(
        { apiVersion: 'v1', resource: 'endpoints', namespaced: true },
        'istio-sidecar-injector',
        'istio-system'
      )
      return JSON.stringify(eps).includes('"addresses"')
    },
    120_000,
    () => 'the injector to be ready'
  )
}

const CONFIGMAPS = { apiVersion: 'v1', resource: 'configmaps', namespaced: true }

/**
 * Returns a function that sets the mesh config's tracing (`enableTracing`) and Mixer report
 * (`mixerReportServer`) as asked and resolves once the sidecars act on it: a probe request
 * through the mesh makes reports with spans, reports without, or none, as the switch says.
 */
async function meshConfigSwitch(
  lab: Awaited<ReturnType<typeof startSimLab>>,
  client: KubeClient,
  url: string
): Promise<(e: { telemetry: boolean; tracing: boolean }) => Promise<void>> {
  const cm = await client.get(CONFIGMAPS, 'istio', 'istio-system')
  const data = (cm as unknown as { data: Record<string, string> }).data
  const text = data['mesh'] ?? ''
  const server = /^(\s*mixerReportServer:).*$/m.exec(text)?.[0]
  if (!server || !/^\s*enableTracing: true$/m.test(text))
    throw new Error(
      'failed to switch telemetry: the istio ConfigMap has no mixerReportServer or enableTracing: true'
    )
  let probe = { reports: 0, traced: 0 }
  lab.dataPlane.reports.subscribe((r) => {
    probe.reports++
    if (r.trace) probe.traced++
  })
  let now = { telemetry: true, tracing: true }
  return async (e) => {
    if (e.telemetry === now.telemetry && e.tracing === now.tracing) return
    const mesh = text
      .replace(/^(\s*enableTracing:).*$/m, `$1 ${String(e.tracing)}`)
      .replace(/^(\s*mixerReportServer:).*$/m, (line) =>
        e.telemetry ? server : line.replace(/:.*$/, ': ""')
      )
    const cur = await client.get(CONFIGMAPS, 'istio', 'istio-system')
    await client.update(CONFIGMAPS, { ...cur, data: { ...data, mesh } })
    now = e
    await until(
      async () => {
        probe = { reports: 0, traced: 0 }
        const r = await fetch(url, { signal: AbortSignal.timeout(5000) })
        await r.arrayBuffer()
        const wantReports = e.telemetry || e.tracing
        return probe.reports > 0 === wantReports && probe.traced > 0 === e.tracing
      },
      10_000,
      () =>
        `the sidecars to take the mesh config (telemetry ${String(e.telemetry)}, tracing ${String(e.tracing)})`
    )
  }
}

/**
 * Measures requests/s through the mesh (NodePort → msb-iag's sidecar → multicloud's sidecar, the
 * subset of istio.yaml it needs) with the add-ons' telemetry and tracing on, then off, in
 * alternating ½ s slices of the same run (ABBA order), after unmeasured warm-up slices. Bounded:
 * `durationMs` of load for each (plus the warm-up), loopback only.
 */
export async function telemetryBench(
  root: string,
  o: {
    concurrency: number
    durationMs: number
    on?: { telemetry: boolean; tracing: boolean }
    /** What the `off` slices turn on (default nothing: an A/A run sets the same as `on`). */
    off?: { telemetry: boolean; tracing: boolean }
    /**
     * How `off` turns things off: `mesh` (default) as Istio 1.0 does, in the mesh config (the
     * `istio` ConfigMap: `enableTracing: false`, no `mixerReportServer`), so the sidecars make
     * neither B3 headers nor reports, and the add-ons stop too; `addons`: only the add-ons stop
     * (the sidecars still trace and report, to a bus nobody reads).
     */
    offBy?: 'mesh' | 'addons'
    /** Unmeasured pairs of 1 s slices (on, off) run first (default 2). */
    warmupSlices?: number
    /**
     * Called after each slice with its mode, requests/s and this process's CPU µs per request
     * (for a run's time line).
     */
    onSlice?: (mode: 'on' | 'off', rps: number, cpuUsPerRequest: number) => void
  }
): Promise<TelemetryBenchResult> {
  const { profile, topology } = defaultLab(root)
  const lab = await startSimLab({ topology, timeFactor: profile.timeFactor })
  try {
    await lab.kubeadm.bootstrap()
    const client = lab.cluster.client('bench')
    await installIstioSubset(client, root)
    const objs = msbBenchObjects()
    await client.create(NAMESPACES, {
      ...objs.namespace,
      metadata: { name: 'onap', labels: { 'istio-injection': 'enabled' } },
    })
    // kube2msb lists Services and pods cluster-wide with onap's default account (RBAC enforced).
    await client.create(Refs.clusterRoleBindings, objs.binding)
    for (const s of objs.services) await client.create(servicesRef, s)
    // The profile's injector policy may be `disabled`: ask for the sidecar explicitly, on the two
    // workloads of the measured path.
    const injected = (d: KubeObject): KubeObject => {
      if (!/-(msb-iag|multicloud)$/.test(d.metadata.name ?? '')) return d
      const spec = d.spec as { template: { metadata?: { annotations?: Record<string, string> } } }
      spec.template.metadata = {
        ...spec.template.metadata,
        annotations: { ...spec.template.metadata?.annotations, 'sidecar.istio.io/inject': 'true' },
      }
      return d
    }
    for (const d of objs.deployments) await client.create(DEPLOYMENTS, injected(d))
    const iag = await client.get(servicesRef, 'msb-iag', 'onap')
    const nodePort = (iag.spec as { ports: { nodePort: number }[] }).ports[0]?.nodePort
    const worker =
      topology.nodes.find((n) => n.role === 'worker') ??
      topology.nodes.find((n) => n.role === 'control-plane')!
    const url = `http://${worker.address}:${String(nodePort)}${PATH}`
    const addons = lab.dataPlane.addons
    let last = 'no answer'
    await until(
      async () => {
        const r = await fetch(url, { signal: AbortSignal.timeout(5000) })
        const pods = await client.list({ apiVersion: 'v1', resource: 'pods', namespaced: true })
        const summary = pods.items
          .filter((p) => ['istio-system', 'onap'].includes(p.metadata.namespace ?? ''))
          .map((p) => {
            const st = p.status as
              { phase?: string; containerStatuses?: { name: string; ready: boolean }[] } | undefined
            return `${p.metadata.name}:${st?.phase ?? '?'}[${(st?.containerStatuses ?? []).map((c) => `${c.name}${c.ready ? '+' : '-'}`).join(',')}]`
          })
        const text = await r.text()
        const body = r.status === 200 ? '' : ` (${text.slice(0, 120)})`
        last = `HTTP ${r.status}${body}, ${addons.telemetry.reportsReceived} reports taken by Mixer; pods ${summary.join(' ')}`
        return r.status === 200 && addons.telemetry.reportsReceived > 0
      },
      180_000,
      () => `${url} through the mesh with Mixer taking reports (last: ${last})`
    )
    const acc = {
      on: { latencies: [] as number[], errors: 0, seconds: 0, cpuUs: 0, requests: 0 },
      off: { latencies: [] as number[], errors: 0, seconds: 0, cpuUs: 0, requests: 0 },
    }
    // Half-second slices, an even number of pairs: every mode leads in as many pairs as it
    // follows, and a burst of the machine's other load spoils few pairs.
    const slices = 2 * Math.max(1, Math.round(o.durationMs / 1000))
    const pairRatios: number[] = []
    const meshSwitch = o.offBy === 'addons' ? undefined : await meshConfigSwitch(lab, client, url)
    const setMode = async (mode: 'on' | 'off') => {
      const e =
        mode === 'on'
          ? (o.on ?? { telemetry: true, tracing: true })
          : (o.off ?? { telemetry: false, tracing: false })
      addons.setEnabled(e)
      await meshSwitch?.(e)
    }
    // Warm-up, not measured: both paths run until the JIT has compiled them (the first seconds
    // of a cold process cost several times a warm request, in whichever mode comes first).
    for (let i = 0; i < (o.warmupSlices ?? 2); i++)
      for (const mode of ['on', 'off'] as const) {
        await setMode(mode)
        await sampleLoad({ url, concurrency: o.concurrency, durationMs: 1000 })
      }
    // ABBA: each mode runs first in half the pairs and after itself as often as after the other,
    // so the garbage one mode leaves (collected in whichever slice comes next) and drifts in the
    // machine's load fall on both alike.
    for (let i = 0; i < slices; i++) {
      const pair = { on: 0, off: 0 }
      for (const mode of i % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
        await setMode(mode)
        const cpu = process.cpuUsage()
        const r = await sampleLoad({
          url,
          concurrency: o.concurrency,
          durationMs: o.durationMs / slices,
        })
        acc[mode].latencies.push(...r.latencies)
        acc[mode].errors += r.errors
        acc[mode].seconds += r.seconds
        const used = process.cpuUsage(cpu)
        const n = r.latencies.length + r.errors
        acc[mode].cpuUs += used.user + used.system
        acc[mode].requests += n
        pair[mode] = r.seconds > 0 ? r.latencies.length / r.seconds : 0
        o.onSlice?.(mode, pair[mode], n > 0 ? (used.user + used.system) / n : 0)
      }
      if (pair.off > 0) pairRatios.push(pair.on / pair.off)
    }
    await setMode('on')
    await addons.reporter.flushAll()
    const on = summarize(acc.on.latencies, acc.on.errors, acc.on.seconds)
    const off = summarize(acc.off.latencies, acc.off.errors, acc.off.seconds)
    const cpuPerRequest = (a: typeof acc.on) => (a.requests > 0 ? a.cpuUs / a.requests : 0)
    return {
      on,
      off,
      ratio: off.rps > 0 ? on.rps / off.rps : 0,
      pairRatio: quantiles(pairRatios),
      cpuUs: { on: cpuPerRequest(acc.on), off: cpuPerRequest(acc.off) },
      spansSent: addons.reporter.sent,
      reportsReceived: addons.telemetry.reportsReceived,
    }
  } finally {
    await lab.stop()
  }
}

/**
 * Runs the telemetry benchmark (BENCH_SECONDS, default 10: twice the other parts' 5 s, as a ratio
 * of two rates on a shared machine needs more pairs of slices to settle; BENCH_CONCURRENCY) and
 * prints its lines.
 */
export async function printTelemetryBench(
  root: string,
  env: Readonly<Record<string, string | undefined>> = {}
): Promise<void> {
  const durationMs = Number(env.BENCH_SECONDS ?? 10) * 1000
  const concurrency = Number(env.BENCH_CONCURRENCY ?? 16)
  console.log(
    `Telemetry overhead (NodePort → msb-iag → multicloud, both injected; ${concurrency} connections, ${durationMs / 1000}s each in ½ s slices, ABBA order):`
  )
  const offBy = env.BENCH_TELEMETRY_OFF === 'addons' ? 'addons' : 'mesh'
  console.log(
    offBy === 'mesh'
      ? '  off = the mesh config has enableTracing: false and no mixerReportServer (BENCH_TELEMETRY_OFF=addons: only the add-ons stop)'
      : '  off = only the add-ons stop; the sidecars still make B3 headers and reports (BENCH_TELEMETRY_OFF=addons)'
  )
  const r = await telemetryBench(root, { concurrency, durationMs, offBy })
  const line = (name: string, x: LoadResult) =>
    `  ${name.padEnd(34)} ${x.rps.toFixed(0).padStart(8)} req/s  p50 ${x.p50ms.toFixed(2)} ms  p99 ${x.p99ms.toFixed(2)} ms  errors ${x.errors}`
  console.log(line('telemetry + tracing on', r.on))
  console.log(line('telemetry + tracing off', r.off))
  console.log(
    `  on/off ${r.ratio.toFixed(2)}× (target ≥ 0.80×); ${r.reportsReceived} reports to Mixer, ${r.spansSent} spans to Jaeger`
  )
  const q = r.pairRatio
  console.log(
    `  on/off of the slice pairs: median ${q.median.toFixed(2)}×, 10th–90th percentile ${q.p10.toFixed(2)}–${q.p90.toFixed(2)}×`
  )
  console.log(
    `  CPU per request ${r.cpuUs.on.toFixed(0)} µs on, ${r.cpuUs.off.toFixed(0)} µs off: off/on ${(r.cpuUs.on > 0 ? r.cpuUs.off / r.cpuUs.on : 0).toFixed(2)}×`
  )
}
