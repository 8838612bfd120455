/**
 * The real Prometheus behind the prometheus Service of istio-system: config with the 1.0 chart's
 * Istio jobs, targets discovered from istio-system's Endpoints every 5 s and scraped through the
 * host bridge, the process, and one `stop()` that undoes all of it.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { KubeClient } from '../../client/index.js'
import { endpointsRef, type PodNetwork } from '../../network/index.js'
import { startScrapeBridge } from './scrape-bridge.js'
import { fileSdGroups, istioJobs, jobTargets, prometheusYaml } from './scrape-config.js'
import { spawnPrometheus, type PrometheusProcess } from './prometheus-process.js'

/** What the runner needs. */
export interface PrometheusRunnerOptions {
  network: PodNetwork
  kube: KubeClient
  /** Directory for config and TSDB (default: a fresh temp dir, removed on stop). */
  dir?: string
  binary?: string
  namespace?: string
  log?: (line: string) => void
  onError?: (err: unknown) => void
}

/** A running Prometheus with its bridge and discovery loop. */
export interface RunningPrometheus {
  url: string
  /** Rewrites the targets now (also runs every 5 s). */
  discover(): Promise<void>
  stop(): Promise<void>
}

/** Starts Prometheus; throws when the binary cannot start (callers fall back to the lab's store). */
export async function startPrometheus(o: PrometheusRunnerOptions): Promise<RunningPrometheus> {
  const owned = o.dir === undefined
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'mesh-lab-prometheus-'))
  const sdDir = join(dir, 'file_sd')
  mkdirSync(sdDir, { recursive: true })
  mkdirSync(join(dir, 'data'), { recursive: true })
  const bridge = await startScrapeBridge(o.network)
  const writeAtomic = (file: string, text: string) => {
    writeFileSync(`${file}.tmp`, text)
    renameSync(`${file}.tmp`, file)
  }
  const discover = async () => {
    const list = await o.kube.list(endpointsRef, { namespace: o.namespace ?? 'istio-system' })
    const targets = jobTargets(list.items as never[])
    for (const j of istioJobs)
      writeAtomic(
        join(sdDir, `${j.name}.json`),
        `${JSON.stringify(fileSdGroups(bridge.address, targets.get(j.name) ?? []))}\n`
      )
  }
  let proc: PrometheusProcess | undefined
  try {
    await discover()
    writeFileSync(join(dir, 'prometheus.yml'), prometheusYaml(sdDir))
    proc = await spawnPrometheus({
      configFile: join(dir, 'prometheus.yml'),
      dataDir: join(dir, 'data'),
      ...(o.binary ? { binary: o.binary } : {}),
      ...(o.log ? { log: o.log } : {}),
    })
  } catch (err) {
    await bridge.close()
    if (owned) rmSync(dir, { recursive: true, force: true })
    throw err
  }
  const timer = setInterval(() => discover().catch((err: unknown) => o.onError?.(err)), 5000)
  timer.unref()
  const running = proc
  o.log?.(
    `lab:prometheus started (pid ${running.pid ?? '?'}) at ${running.url}, scraping through ${bridge.address}`
  )
  return {
    url: running.url,
    discover,
    stop: async () => {
      clearInterval(timer)
      await running.stop()
      await bridge.close()
      if (owned) rmSync(dir, { recursive: true, force: true })
    },
  }
}
