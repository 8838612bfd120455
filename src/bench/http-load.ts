import { Agent, request } from 'node:https'

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
  url: string
  caPem: string
  token?: string
  accept?: string
  concurrency: number
  durationMs: number
}

/**
 * Sends GETs to one URL from `concurrency` keep-alive connections for a fixed time and returns
 * requests per second and latency percentiles. Bounded in time; only loopback URLs are used.
 */
export async function httpLoad(o: LoadOptions): Promise<LoadResult> {
  const u = new URL(o.url)
  if (!/^127\.|^localhost$/.test(u.hostname))
    throw new Error(`refusing to load ${u.hostname}: the benchmark only targets loopback`)
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency, ca: o.caPem })
  const latencies: number[] = []
  let errors = 0
  const end = Date.now() + o.durationMs
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now()
      const req = request(
        {
          agent,
          hostname: u.hostname,
          port: u.port,
          path: u.pathname + u.search,
          headers: {
            ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
            accept: o.accept ?? 'application/json',
          },
        },
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
  latencies.sort((a, b) => a - b)
  const pct = (p: number) =>
    latencies.length
      ? latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!
      : 0
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50ms: pct(0.5),
    p99ms: pct(0.99),
  }
}
