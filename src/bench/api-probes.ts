import { Agent, request } from 'node:https'

/** Percentiles of a set of wall times, in ms. */
export interface WallTimes {
  samples: number
  p50ms: number
  p90ms: number
  p99ms: number
  maxms: number
  /** Runs that failed (non-zero exit, non-200 answer or timeout). */
  failures: number
}

/** Returns p50/p90/p99/max of `ms` (0 when empty). */
export function wallTimes(ms: number[], failures: number): WallTimes {
  const s = [...ms].sort((a, b) => a - b)
  const pct = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(s.length * p))]! : 0)
  return {
    samples: s.length,
    p50ms: pct(0.5),
    p90ms: pct(0.9),
    p99ms: pct(0.99),
    maxms: s.at(-1) ?? 0,
    failures,
  }
}

/** Waits `ms` (nothing when it is not positive): the time left of a probe's period. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)))

/** The API server as the probe reaches it (from the lab's kubeconfig). */
export interface ApiEndpoint {
  server: string
  caPem: string
  token: string
}

/**
 * GETs `path` on the API server once every `everyMs` over one keep-alive HTTPS connection until
 * `stop()` holds, and returns the latency of each answer: the API server's own responsiveness,
 * without a client process's start-up. Each request is bounded by 10 s.
 */
export async function sampleApi(
  api: ApiEndpoint,
  path: string,
  everyMs: number,
  stop: () => boolean
): Promise<WallTimes> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: api.caPem })
  const u = new URL(api.server)
  const ms: number[] = []
  let failures = 0
  try {
    while (!stop()) {
      const t0 = performance.now()
      const ok = await new Promise<boolean>((resolve) => {
        const req = request(
          {
            agent,
            hostname: u.hostname,
            port: u.port,
            path,
            timeout: 10_000,
            headers: { authorization: `Bearer ${api.token}`, accept: 'application/json' },
          },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode === 200))
          }
        )
        req.on('timeout', () => req.destroy())
        req.on('error', () => resolve(false))
        req.end()
      })
      const took = performance.now() - t0
      if (ok) ms.push(took)
      else failures++
      await sleep(everyMs - took)
    }
  } finally {
    agent.destroy()
  }
  return wallTimes(ms, failures)
}

/** Returns the CPU seconds (user + system) a process has used so far, from /proc (0 if gone). */
export async function processCpuSeconds(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises')
  try {
    const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(f[11]) + Number(f[12])) / 100
  } catch {
    return 0
  }
}
