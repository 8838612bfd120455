// npm run bench — performance figures of the lab, measured (never asserted) on this machine.
// BENCH=api,cluster,reliability,lab,data-plane,nodeport-api,… picks the parts (cluster = nodes,pods,inject); BENCH_SECONDS,
// BENCH_CONCURRENCY, BENCH_WORKERS, BENCH_NODES, BENCH_PODS, BENCH_LIMIT_SECONDS tune them; --json <file> writes the figures.
import { apiBench, dataPlaneBench, printClusterBench } from '../src/bench/index.js'
import { printReliabilityBench } from '../src/bench/reliability-bench.js'
import { printStreamingBench } from '../src/bench/streaming-bench.js'
import { printSidecarBench } from '../src/bench/sidecar-bench.js'
import { writeFileSync } from 'node:fs'
import { root } from './lab-flags.js'

const fmt = (n: number) => n.toFixed(0).padStart(8)
const PATH_NOTE = 'GET /api/multicloud/v0/swagger.json'
const parts = (
  process.env.BENCH ??
  'api,cluster,reliability,lab,data-plane,nodeport-api,snapshot,streaming,sidecar,telemetry'
).split(',')
// --json <file>: the figures measured, as JSON, for a CI job's history.
const jsonIdx = process.argv.indexOf('--json')
const jsonFile = jsonIdx >= 0 ? process.argv[jsonIdx + 1] : undefined
const json: Record<string, unknown> = { date: new Date().toISOString(), parts }
try {
  if (parts.includes('api')) {
    const durationMs = Number(process.env.BENCH_SECONDS ?? 5) * 1000
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
    console.log(
      `API server (HTTPS, ${concurrency} keep-alive connections, ${durationMs / 1000}s each):`
    )
    const r = await apiBench(root, { concurrency, durationMs })
    json.api = r
    console.log(
      `  bare Node.js HTTPS, fixed pod JSON  ${fmt(r.bareGet.rps)} req/s  p50 ${r.bareGet.p50ms.toFixed(2)} ms  p99 ${r.bareGet.p99ms.toFixed(2)} ms`
    )
    console.log(
      `  GET  one pod                        ${fmt(r.getPod.rps)} req/s  p50 ${r.getPod.p50ms.toFixed(2)} ms  p99 ${r.getPod.p99ms.toFixed(2)} ms  (${((100 * r.getPod.rps) / r.bareGet.rps).toFixed(0)}% of bare)`
    )
    console.log(
      `  bare Node.js HTTPS, the LIST's body ${fmt(r.bareList.rps)} req/s  p50 ${r.bareList.p50ms.toFixed(2)} ms  p99 ${r.bareList.p99ms.toFixed(2)} ms`
    )
    console.log(
      `  LIST 1,000 pods                     ${fmt(r.listPods.rps)} req/s  p50 ${r.listPods.p50ms.toFixed(2)} ms  p99 ${r.listPods.p99ms.toFixed(2)} ms  (${((100 * r.listPods.rps) / r.bareList.rps).toFixed(0)}% of bare; target 50%)`
    )
    const w = r.watch
    console.log(
      `  watch fan-out ${w.watchers} watchers × ${w.events} events  ${fmt(w.eventsPerSecond)} events/s  ${w.seconds.toFixed(2)} s  ${w.inOrder}/${w.watchers} watchers complete and in order`
    )
    console.log(
      `  errors: ${r.getPod.errors + r.listPods.errors + r.bareGet.errors + r.bareList.errors}; daemon peak RSS ${r.daemonRssMb.toFixed(0)} MiB`
    )
  }
  json.cluster = await printClusterBench(root, parts)
  if (parts.includes('reliability')) await printReliabilityBench(root)
  if (parts.includes('nodeport-api'))
    await (
      await import('../src/bench/nodeport-api-bench.js')
    ).printNodePortApiBench(root, process.env)
  if (parts.includes('snapshot'))
    json.snapshot = await (
      await import('../src/bench/snapshot-bench.js')
    ).printSnapshotBench(root, process.env)
  if (parts.includes('sidecar')) await printSidecarBench(root)
  if (parts.includes('streaming')) await printStreamingBench(root)
  if (parts.includes('telemetry'))
    await (await import('../src/bench/telemetry-bench.js')).printTelemetryBench(root, process.env)
  if (parts.includes('lab')) {
    console.log('npm run lab:up (cold), step by step (BENCH_LAB_RUNS runs; target ≤ 5 s):')
    json.lab = await (await import('../src/bench/lab-bench.js')).printLabBench(root, process.env)
  }
  if (parts.includes('data-plane')) {
    const durationMs = Number(process.env.BENCH_SECONDS ?? 5) * 1000
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
    console.log(
      `Data plane (HTTP, ${concurrency} keep-alive connections, ${durationMs / 1000}s each, ${PATH_NOTE}):`
    )
    const r = await dataPlaneBench(root, { concurrency, durationMs })
    const line = (name: string, x: typeof r.lab) =>
      `  ${name.padEnd(36)}${fmt(x.rps)} req/s  p50 ${x.p50ms.toFixed(2)} ms  p99 ${x.p99ms.toFixed(2)} ms  errors ${x.errors}`
    console.log(line('bare Node.js proxy → server', r.bare))
    console.log(
      `${line('NodePort → msb-iag → multicloud', r.lab)}  (${((100 * r.lab.rps) / r.bare.rps).toFixed(0)}% of bare)`
    )
    console.log(
      `  route ready after ${r.routeReadySeconds.toFixed(1)} s; body ${r.bodyBytes} bytes`
    )
  }
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(json, null, 2) + '\n')
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  process.exitCode = 1
}
