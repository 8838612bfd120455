/**
 * Debian's `prometheus` as a child process of the lab's daemon: on loopback, storage in the
 * given directory, stopped with SIGTERM (SIGKILL after 5 s).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'

/** Where Debian's package puts the binary. */
export const DEFAULT_PROMETHEUS_BINARY = '/usr/bin/prometheus'

/** The message the lab prints when the binary is missing. */
export const installHint =
  "prometheus is not installed: the dashboards and servicegraph use the lab's own telemetry store (for a real TSDB: sudo apt-get install prometheus)"

/** Returns whether the binary exists. */
export function prometheusAvailable(binary = DEFAULT_PROMETHEUS_BINARY): boolean {
  return existsSync(binary)
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo
      s.close(() => resolve(port))
    })
  })
}

/** A running Prometheus process. */
export interface PrometheusProcess {
  url: string
  pid: number | undefined
  stop(): Promise<void>
}

/** Starts Prometheus with a config file and a data directory; resolves once it answers /-/ready. */
export async function spawnPrometheus(o: {
  binary?: string
  configFile: string
  dataDir: string
  log?: (line: string) => void
  readyTimeoutMs?: number
}): Promise<PrometheusProcess> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(
    o.binary ?? DEFAULT_PROMETHEUS_BINARY,
    [
      `--config.file=${o.configFile}`,
      `--storage.tsdb.path=${o.dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=1d',
      '--web.enable-lifecycle',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  )
  const tail: string[] = []
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      tail.push(line)
      if (tail.length > 20) tail.shift()
      if (/level=(error|warn)/.test(line)) o.log?.(`lab:prometheus ${line}`)
    }
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + (o.readyTimeoutMs ?? 20_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    try {
      const r = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) })
      if (r.ok) return { url, pid: child.pid, stop }
    } catch {
      // Not listening yet: poll again.
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  await stop()
  throw new Error(`failed to start prometheus: not ready at ${url}\n${tail.join('\n')}`)
}
