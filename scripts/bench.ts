// npm run bench — performance figures of the lab, measured (never asserted) on this machine.
// BENCH=api,cluster,lab picks the parts; BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_WORKERS tune them.
import { apiBench, clusterBench, labBench } from '../src/bench/index.js'
import { root } from './lab-flags.js'

const fmt = (n: number) => n.toFixed(0).padStart(8)
const parts = (process.env.BENCH ?? 'api,cluster,lab').split(',')
try {
  if (parts.includes('api')) {
    const durationMs = Number(process.env.BENCH_SECONDS ?? 5) * 1000
    const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16)
    console.log(
      `API server (HTTPS, ${concurrency} keep-alive connections, ${durationMs / 1000}s each):`
    )
    const r = await apiBench(root, { concurrency, durationMs })
    console.log(
      `  bare Node.js HTTPS, fixed pod JSON  ${fmt(r.bareGet.rps)} req/s  p50 ${r.bareGet.p50ms.toFixed(2)} ms  p99 ${r.bareGet.p99ms.toFixed(2)} ms`
    )
    console.log(
      `  GET  one pod                        ${fmt(r.getPod.rps)} req/s  p50 ${r.getPod.p50ms.toFixed(2)} ms  p99 ${r.getPod.p99ms.toFixed(2)} ms  (${((100 * r.getPod.rps) / r.bareGet.rps).toFixed(0)}% of bare)`
    )
    console.log(
      `  LIST 1,000 pods                     ${fmt(r.listPods.rps)} req/s  p50 ${r.listPods.p50ms.toFixed(2)} ms  p99 ${r.listPods.p99ms.toFixed(2)} ms`
    )
    console.log(
      `  errors: ${r.getPod.errors + r.listPods.errors + r.bareGet.errors}; daemon peak RSS ${r.daemonRssMb.toFixed(0)} MiB`
    )
  }
  if (parts.includes('cluster')) {
    const workers = Number(process.env.BENCH_WORKERS ?? 99)
    console.log(`Simulated cluster (in process, profile time factor):`)
    const r = await clusterBench(root, { workers, deployments: 100, replicas: 30, injected: 1000 })
    console.log(
      `  ${r.nodes} nodes Ready after kubeadm init/join     ${r.nodesReadySeconds.toFixed(1)} s`
    )
    console.log(
      `  ${r.pods} pods (Deployments of 30) Running+Ready  ${r.podsReadySeconds.toFixed(1)} s`
    )
    console.log(
      `  ${r.injectedPods} pods created through the Istio injector ${r.injectedSeconds.toFixed(1)} s`
    )
    console.log(`  peak RSS ${r.peakRssMb.toFixed(0)} MiB`)
  }
  if (parts.includes('lab')) {
    console.log('npm run lab:up (cold), step by step:')
    const r = await labBench(root)
    for (const s of r.steps)
      console.log(`  ${s.name.padEnd(28)} ${s.seconds.toFixed(1).padStart(6)} s`)
    console.log(`  whole lab:up                 ${r.upSeconds.toFixed(1).padStart(6)} s`)
    console.log(`  spec suite (running lab)     ${r.specsSeconds.toFixed(1).padStart(6)} s`)
    console.log(`  lab:down                     ${r.downSeconds.toFixed(1).padStart(6)} s`)
    console.log(`  daemon peak RSS              ${r.daemonRssMb.toFixed(0).padStart(6)} MiB`)
  }
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  process.exitCode = 1
}
