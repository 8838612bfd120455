// npm run bench — performance figures of the lab, measured (never asserted) on this machine.
import { apiBench } from '../src/bench/index.js'
import { root } from './lab-flags.js'

const fmt = (n: number) => n.toFixed(0).padStart(8)
try {
  const durationMs = Number(process.env.BENCH_SECONDS ?? 5) * 1000
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
  console.log(`API server (HTTPS, ${concurrency} keep-alive connections, ${durationMs / 1000}s each):`)
  const r = await apiBench(root, { concurrency, durationMs })
  console.log(`  bare Node.js HTTPS, fixed pod JSON  ${fmt(r.bareGet.rps)} req/s  p50 ${r.bareGet.p50ms.toFixed(2)} ms  p99 ${r.bareGet.p99ms.toFixed(2)} ms`)
  console.log(`  GET  one pod                        ${fmt(r.getPod.rps)} req/s  p50 ${r.getPod.p50ms.toFixed(2)} ms  p99 ${r.getPod.p99ms.toFixed(2)} ms  (${((100 * r.getPod.rps) / r.bareGet.rps).toFixed(0)}% of bare)`)
  console.log(`  LIST 1,000 pods                     ${fmt(r.listPods.rps)} req/s  p50 ${r.listPods.p50ms.toFixed(2)} ms  p99 ${r.listPods.p99ms.toFixed(2)} ms`)
  console.log(`  errors: ${r.getPod.errors + r.listPods.errors + r.bareGet.errors}; daemon peak RSS ${r.daemonRssMb.toFixed(0)} MiB`)
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  process.exitCode = 1
}
