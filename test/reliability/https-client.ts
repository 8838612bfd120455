import type { ClientRequest, IncomingMessage } from 'node:http'
import { request } from 'node:https'

/** Where and as whom the reliability tests talk HTTPS (loopback only). */
export interface Target {
  url: string
  caPem: string
  token?: string
  cert?: { certPem: string; keyPem: string }
}

/** An answer read in full. */
export interface Reply {
  status: number
  text: string
  json(): Record<string, unknown>
}

/** Sends one request with a raw (never normalised) path and reads the whole answer. */
export function send(
  t: Target,
  method: string,
  path: string,
  body?: Buffer | string,
  headers: Record<string, string> = {}
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = open(t, method, path, headers, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        resolve({
          status: res.statusCode ?? 0,
          text,
          json: () => JSON.parse(text) as Record<string, unknown>,
        })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.setTimeout(20_000, () => req.destroy(new Error(`${method} ${path}: no answer in 20 s`)))
    req.end(body)
  })
}

/** Opens a request and hands over the response as it arrives (for watches). */
export function open(
  t: Target,
  method: string,
  path: string,
  headers: Record<string, string>,
  onResponse: (res: IncomingMessage) => void
): ClientRequest {
  const u = new URL(t.url)
  const req = request(
    {
      host: u.hostname,
      port: u.port,
      method,
      path,
      ca: t.caPem,
      agent: false,
      ...(t.cert ? { cert: t.cert.certPem, key: t.cert.keyPem } : {}),
      headers: {
        ...(t.token ? { authorization: `Bearer ${t.token}` } : {}),
        ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
    },
    onResponse
  )
  return req
}

/** A watch whose events are read line by line, which can stop reading (a stalled client). */
export interface OpenWatch {
  lines: string[]
  status: Promise<number>
  ended: Promise<void>
  pause(): void
  resume(): void
  abort(): void
}

/** Starts a watch; `paused` starts it without reading (the socket fills up). */
export function watch(t: Target, path: string, paused = false): OpenWatch {
  const lines: string[] = []
  let res: IncomingMessage | undefined
  let rest = ''
  let setStatus = (_: number) => {}
  let setEnded = () => {}
  const status = new Promise<number>((r) => (setStatus = r))
  const ended = new Promise<void>((r) => (setEnded = r))
  const req = open(t, 'GET', path, {}, (r) => {
    res = r
    setStatus(r.statusCode ?? 0)
    if (paused) r.pause()
    r.on('data', (c: Buffer) => {
      rest += c.toString('utf8')
      const parts = rest.split('\n')
      rest = parts.pop()!
      lines.push(...parts)
    })
    r.on('end', setEnded)
    r.on('close', setEnded)
    r.on('error', setEnded)
  })
  req.on('error', () => setEnded())
  req.end()
  return {
    lines,
    status,
    ended,
    pause: () => res?.pause(),
    resume: () => res?.resume(),
    abort: () => req.destroy(),
  }
}

/** Polls until `fn` is true or `ms` passed; returns whether it became true. */
export async function until(fn: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms
  while (!fn() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
  return fn()
}
