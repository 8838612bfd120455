// Plain HTTP to a node address (what a user's curl does), bounded in time.
import { request } from 'node:http'

/** An HTTP answer, or why there was none. */
export interface HttpAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** Set instead of status when no response came (`ECONNREFUSED`, `timeout`). */
  error?: string
}

/** Sends a request and returns the answer; never throws. */
export function httpRequest(
  url: string,
  o: { method?: string; body?: string; timeoutMs?: number } = {}
): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: o.method ?? 'GET', headers: o.body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          })
        )
        res.on('error', (err) => resolve({ status: 0, headers: {}, body: '', error: err.message }))
      }
    )
    req.setTimeout(o.timeoutMs ?? 10_000, () => req.destroy(new Error('timeout')))
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve({ status: 0, headers: {}, body: '', error: err.code ?? err.message })
    )
    req.end(o.body)
  })
}

/** Returns an answer in one short phrase for a table cell (`200`, `502 No route found…`, `ECONNREFUSED`). */
export function answerText(a: HttpAnswer): string {
  if (a.error) return `no answer (${a.error})`
  const msb = /error message:([^<]*)</.exec(a.body)?.[1]
  if (msb) return `${a.status} ${msb}`
  // nginx's own 502 page: the gateway found a route but its upstream did not answer.
  if (a.status === 502 && /<title>502 Bad Gateway<\/title>/.test(a.body))
    return '502 Bad Gateway (the upstream did not answer)'
  return String(a.status)
}
