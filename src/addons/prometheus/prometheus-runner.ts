/**
 * The real Prometheus behind the prometheus Service of istio-system: the chart's configuration
 * (ConfigMap `prometheus`) resolved to the lab, targets discovered from the API every 5 s, the
 * prometheus service account's token and CA as the pod would mount them, the host scrape
 * bridge, the process, and one `stop()` that undoes all of it. Everything lives in one fresh
 * directory under `dir` (the lab's state directory), removed on stop like the pod's emptyDir.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { KubeObject } from '../../api/types.js'
import type { KubeClient } from '../../client/index.js'
import type { PodNetwork } from '../../network/index.js'
import { listClusterObjects, roleTargets } from './kube-discovery.js'
import { startScrapeBridge } from './scrape-bridge.js'
import { fallbackConfig, labConfig, parseChartConfig, type ChartConfig } from './scrape-config.js'
import { spawnPrometheus, type PrometheusProcess } from './prometheus-process.js'
import { readServiceAccount } from './service-account.js'

/** What the runner needs. */
export interface PrometheusRunnerOptions {
  network: PodNetwork
  kube: KubeClient
  /** Parent directory of the run's directory (default: the system's temp dir). */
  dir?: string
  /** The API server's host URL (`https://127.0.0.1:6443`), for the kubernetes-* jobs. */
  apiServer?: string
  binary?: string
  namespace?: string
  log?: (line: string) => void
  onError?: (err: unknown) => void
}

/** A running Prometheus with its bridge and discovery loop. */
export interface RunningPrometheus {
  url: string
  /** The directory holding its config, targets, credentials and TSDB. */
  dir: string
  /** Rewrites the targets now (also runs every 5 s). */
  discover(): Promise<void>
  stop(): Promise<void>
}

const writeAtomic = (file: string, text: string, mode = 0o644) => {
  writeFileSync(`${file}.tmp`, text, { mode })
  renameSync(`${file}.tmp`, file)
}

/** Reads the chart's prometheus.yml from its ConfigMap; the built-in Istio jobs when absent. */
async function chartConfig(kube: KubeClient, namespace: string): Promise<ChartConfig> {
  let cm: (KubeObject & { data?: Record<string, string> }) | undefined
  try {
    cm = await kube.get(
      { apiVersion: 'v1', resource: 'configmaps', namespaced: true },
      'prometheus',
      namespace
    )
  } catch {
    return fallbackConfig()
  }
  const text = cm?.data?.['prometheus.yml']
  if (text === undefined) return fallbackConfig()
  return parseChartConfig(text, `configmap ${namespace}/prometheus: prometheus.yml`)
}

/** Starts Prometheus; throws when the binary cannot start (callers fall back to the lab's store). */
export async function startPrometheus(o: PrometheusRunnerOptions): Promise<RunningPrometheus> {
  const namespace = o.namespace ?? 'istio-system'
  // Absolute: Prometheus resolves relative paths in its config from the config file's directory.
  const parent = resolve(o.dir ?? tmpdir())
  mkdirSync(parent, { recursive: true })
  const dir = mkdtempSync(join(parent, 'prometheus-'))
  const sdDir = join(dir, 'file_sd')
  const saDir = join(dir, 'serviceaccount')
  for (const d of [sdDir, saDir, join(dir, 'data')]) mkdirSync(d, { recursive: true })
  const apiServer = o.apiServer ? new URL(o.apiServer).host : undefined
  let bridge: Awaited<ReturnType<typeof startScrapeBridge>> | undefined
  let proc: PrometheusProcess | undefined
  let haveAccount = false
  try {
    bridge = await startScrapeBridge(o.network)
    const { text, jobs } = labConfig(await chartConfig(o.kube, namespace), {
      sdDir,
      serviceAccountDir: saDir,
      bridge: bridge.address,
      ...(apiServer ? { apiServer } : {}),
    })
    const roles = new Set(jobs.map((j) => j.role))
    const written = new Map<string, string>()
    const discover = async () => {
      if (!haveAccount) {
        const sa = await readServiceAccount(o.kube, namespace, 'prometheus')
        if (sa) {
          writeAtomic(join(saDir, 'ca.crt'), sa.caCrt)
          writeAtomic(join(saDir, 'token'), sa.token, 0o600)
          writeAtomic(join(saDir, 'namespace'), namespace)
          haveAccount = true
        }
      }
      const objs = await listClusterObjects(o.kube, roles)
      for (const j of jobs) {
        const text = `${JSON.stringify(roleTargets(j.role, objs, j.namespaces, apiServer))}\n`
        // Unchanged targets are not rewritten: every write wakes each file_sd watcher of the
        // directory (measured: ~100 rescans/s and ~25 % of a core with 11 jobs rewritten per 5 s).
        if (written.get(j.job) === text) continue
        writeAtomic(join(sdDir, `${j.job}.json`), text)
        written.set(j.job, text)
      }
    }
    await discover()
    writeFileSync(join(dir, 'prometheus.yml'), text)
    proc = await spawnPrometheus({
      configFile: join(dir, 'prometheus.yml'),
      dataDir: join(dir, 'data'),
      ...(o.binary ? { binary: o.binary } : {}),
      ...(o.log ? { log: o.log } : {}),
    })
    const timer = setInterval(() => discover().catch((err: unknown) => o.onError?.(err)), 5000)
    timer.unref()
    const running = proc
    const b = bridge
    o.log?.(
      `lab:prometheus started (pid ${running.pid ?? '?'}) at ${running.url}, data in ${dir}, scraping through ${b.address}`
    )
    return {
      url: running.url,
      dir,
      discover,
      stop: async () => {
        clearInterval(timer)
        await running.stop()
        await b.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (err) {
    await proc?.stop()
    await bridge?.close()
    rmSync(dir, { recursive: true, force: true })
    throw err
  }
}
