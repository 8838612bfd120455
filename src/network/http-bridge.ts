import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { TurnScheduler } from './turn-scheduler.js'
import type { HttpRequest, HttpResponse } from './types.js'

/** Bounds on what a host client may send to a NodePort or a port-forward. */
export interface BridgeLimits {
  /** Largest request body accepted; a larger one gets 413 and the connection is closed. */
  maxBodyBytes: number
  /** Time a client has to send its request headers (slowloris). */
  headersTimeoutMs: number
  /** Time a client has to send its whole request. */
  requestTimeoutMs: number
  /** Connections one listener holds at once; more are dropped. */
  maxConnections: number
}

/** The bounds used unless told otherwise. */
export const DEFAULT_LIMITS: BridgeLimits = {
  maxBodyBytes: 10 << 20,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 1024,
}

const EMPTY = Buffer.alloc(0)

/** Where a host connection's requests go: resolves with the response, rejects to reset it. */
export type BridgeHandler = (socket: Socket, req: HttpRequest) => Promise<HttpResponse>

/**
 * Creates an HTTP/1.1 server (not listening) that turns each request of a host connection into
 * an HttpRequest for `handle` and writes the answer back; a failed delivery resets the
 * connection (what a client sees when the pod behind the connection is gone). Bodies above the
 * limit get 413 and close the connection without being read. With a scheduler, each request is
 * handed to `handle` in a turn the scheduler grants (a budget of data-plane work per turn of the
 * event loop, so that the API server in the same process keeps its turns under load).
 */
export function createBridgeServer(
  handle: BridgeHandler,
  limits = DEFAULT_LIMITS,
  scheduler?: TurnScheduler
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: 1000,
      maxHeaderSize: 16 << 10,
      keepAliveTimeout: 5000,
    },
    (req, res) => onRequest(handle, limits, req, res, scheduler)
  )
  server.maxConnections = limits.maxConnections
  server.on('clientError', (_err, socket) => socket.destroy())
  return server
}

function onRequest(
  handle: BridgeHandler,
  limits: BridgeLimits,
  req: IncomingMessage,
  res: ServerResponse,
  scheduler: TurnScheduler | undefined
): void {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limits.maxBodyBytes) return tooLarge(req, res)
  const hasBody = declared > 0 || req.headers['transfer-encoding'] !== undefined
  if (!hasBody) {
    req.resume()
    return schedule(scheduler, handle, req, res, EMPTY)
  }
  const chunks: Buffer[] = []
  let size = 0
  let over = false
  req.on('data', (c: Buffer) => {
    if (over) return
    size += c.length
    if (size > limits.maxBodyBytes) {
      over = true
      chunks.length = 0
      tooLarge(req, res)
    } else chunks.push(c)
  })
  req.on('end', () => {
    if (over) return
    schedule(scheduler, handle, req, res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))
  })
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  const body = 'request body too large\n'
  res.on('finish', () => req.socket.destroy())
  res
    .writeHead(413, {
      'content-type': 'text/plain',
      'content-length': String(body.length),
      connection: 'close',
    })
    .end(body)
}

function schedule(
  scheduler: TurnScheduler | undefined,
  handle: BridgeHandler,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer
): void {
  if (!scheduler) return forward(handle, req, res, body)
  // A client that went away while its request waited costs nothing more.
  scheduler.run(() => {
    if (!req.socket.destroyed) forward(handle, req, res, body)
  })
}

function forward(
  handle: BridgeHandler,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer
): void {
  const h = req.headers
  let headers = h as Record<string, string>
  if (h['set-cookie'] !== undefined) {
    headers = { ...(h as Record<string, string>), 'set-cookie': h['set-cookie'].join(', ') }
  }
  const r: HttpRequest = {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    authority: h.host ?? '',
    headers,
    body,
  }
  // A backend that refuses or resets: the client's connection is reset (RST), as when iptables
  // sends the connection to a port nothing listens on, never closed as if it had answered.
  const reset = () => void req.socket.resetAndDestroy()
  let answer: Promise<HttpResponse>
  try {
    answer = handle(req.socket, r)
  } catch {
    // A hook or app that throws instead of rejecting must not take the daemon down.
    return reset()
  }
  answer.then((out) => {
    try {
      writeResponse(res, out)
    } catch {
      // An answer Node.js refuses to write (an invalid header) resets the connection.
      reset()
    }
  }, reset)
}

/** Writes an HttpResponse on a Node.js response with an exact content-length. */
export function writeResponse(res: ServerResponse, out: HttpResponse): void {
  if (res.destroyed) return
  const headers: Record<string, string> = {}
  for (const k in out.headers) {
    if (k === 'transfer-encoding' || k === 'content-length' || k === 'connection') continue
    headers[k] = out.headers[k]!
  }
  headers['content-length'] = String(out.body.length)
  res.writeHead(out.status, headers)
  res.end(out.body)
}
