import * as http from 'node:http'
import * as https from 'node:https'

/** What one load run measured. */
export interface LoadResult {
  requests: number
  errors: number
  seconds: number
  rps: number
  p50ms: number
  p99ms: number
}

/** Where and how to send the load. */
export interface LoadOptions {
  /** An `https://` URL (then `caPem` is its CA) or a plain `http://` one. */
  url: string
  caPem?: string
  token?: string
  /** The Accept header of HTTPS requests (default JSON); plain HTTP requests send none. */
  accept?: string
  concurrency: number
  durationMs: number
}

/** The raw outcome of a load run: the latency of each 200, the other answers, the time taken. */
export interface LoadSample {
  latencies: number[]
  errors: number
  seconds: number
}

/**
 * Sends GETs to one URL from `concurrency` keep-alive connections for a fixed time and returns
 * requests per second (200s only) and latency percentiles. Bounded in time; only loopback URLs
 * are used.
 */
export async function httpLoad(o: LoadOptions): Promise<LoadResult> {
  const s = await sampleLoad(o)
  return summarize(s.latencies, s.errors, s.seconds)
}

/** Runs the load of `httpLoad` and returns the raw sample (for runs summed over slices). */
export async function sampleLoad(o: LoadOptions): Promise<LoadSample> {
  const u = new URL(o.url)
  if (!/^127\.|^localhost$/.test(u.hostname))
    throw new Error(`refusing to load ${u.hostname}: the benchmark only targets loopback`)
  const secure = u.protocol === 'https:'
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: o.concurrency, ca: o.caPem })
    : new http.Agent({ keepAlive: true, maxSockets: o.concurrency })
  const send = secure ? https.request : http.request
  const headers = secure
    ? {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        accept: o.accept ?? 'application/json',
      }
    : {}
  const latencies: number[] = []
  let errors = 0
  const end = Date.now() + o.durationMs
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now()
      const req = send(
        { agent, hostname: u.hostname, port: u.port, path: u.pathname + u.search, headers },
        (res) => {
          res.on('data', () => undefined)
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - t0)
            else errors++
            resolve()
          })
        }
      )
      req.on('error', () => {
        errors++
        resolve()
      })
      req.end()
    })
  const start = Date.now()
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (Date.now() < end) await one()
    })
  )
  const seconds = (Date.now() - start) / 1000
  agent.destroy()
  return { latencies, errors, seconds }
}

/** Returns the load figures of a set of latencies measured over `seconds`. */
export function summarize(latencies: number[], errors: number, seconds: number): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b)
  const pct = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0
  return {
    requests: sorted.length,
    errors,
    seconds,
    rps: sorted.length / seconds,
    p50ms: pct(0.5),
    p99ms: pct(0.99),
  }
}
