// A minimal HTTP client for the network's socket tests.
import { request, type Agent } from 'node:http'

/** What a request got: status and body, or the socket error's code. */
export interface GetResult {
  status?: number
  body?: string
  error?: string
}

/** Sends one request and resolves with the answer or the error code (never rejects). */
export function httpGet(
  url: string,
  o: { agent?: Agent; method?: string; body?: Buffer; headers?: Record<string, string> } = {}
): Promise<GetResult> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: o.method ?? 'GET',
        ...(o.agent ? { agent: o.agent } : {}),
        ...(o.headers ? { headers: o.headers } : {}),
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() })
        )
        res.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }))
      }
    )
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ error: err.code ?? err.message }))
    req.end(o.body)
  })
}
