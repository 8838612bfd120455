import { Agent, request } from 'node:http'
import type { LoadResult } from './http-load.js'

/**
 * Sends GETs to one plain-HTTP loopback URL from `concurrency` keep-alive connections for a fixed
 * time; returns requests per second (200s only) and latency percentiles.
 */
export async function plainHttpLoad(o: {
  url: string
  concurrency: number
  durationMs: number
}): Promise<LoadResult & { latencies: number[] }> {
  const u = new URL(o.url)
  if (!/^127\./.test(u.hostname))
    throw new Error(`refusing to load ${u.hostname}: the benchmark only targets loopback`)
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency })
  const latencies: number[] = []
  let errors = 0
  const end = Date.now() + o.durationMs
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now()
      const req = request(
        { agent, hostname: u.hostname, port: u.port, path: u.pathname + u.search },
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
  return { ...summarize(latencies, errors, seconds), latencies }
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
