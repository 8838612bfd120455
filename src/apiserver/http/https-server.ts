import { createServer, type Server } from 'node:https'
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { TLSSocket } from 'node:tls'
import { timingSafeEqual, X509Certificate } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import {
  internalError,
  isStatusError,
  methodNotAllowed,
  StatusError,
  unauthorized,
} from '../../api/errors.js'
import type { ApiHandler } from '../handler/index.js'
import type { ApiRequest, ApiResponse } from '../request/index.js'

/** Options of the HTTPS front end. */
export interface HttpsServerOptions {
  handler: ApiHandler
  certPem: string
  keyPem: string
  caPem: string
  /** The admin bearer token. */
  token: string
  host: string
  port: number
  /** Largest accepted request body, in bytes (kube-apiserver: 3 MiB). */
  maxBodyBytes?: number
  /** Called for failures that are the server's fault. */
  onError?: (err: unknown) => void
}

/** A listening API server. */
export interface StartedHttpsServer {
  port: number
  url: string
  close(): Promise<void>
}

const JSON_TYPE = 'application/json'

/**
 * Creates the HTTPS front end of the API server: authenticates every request (bearer token or a
 * client certificate from the lab's CA in group system:masters), reads the body, calls the handler,
 * and writes JSON, text or a flushed chunked watch stream. Never throws to the socket: every
 * failure is a `Status`.
 */
export async function startHttpsServer(o: HttpsServerOptions): Promise<StartedHttpsServer> {
  const token = Buffer.from(o.token)
  const ca = new X509Certificate(o.caPem)
  const maxBody = o.maxBodyBytes ?? 3 * 1024 * 1024
  const server: Server = createServer(
    {
      cert: o.certPem,
      key: o.keyPem,
      ca: o.caPem,
      requestCert: true,
      rejectUnauthorized: false,
      keepAlive: true,
    },
    (req, res) => {
      serve(req, res).catch((err: unknown) => {
        o.onError?.(err)
        if (!res.headersSent) writeStatus(res, internalError(err))
        else res.destroy()
      })
    }
  )
  server.keepAliveTimeout = 65_000
  // Requests Node's HTTP parser refuses (bad request line, headers, unknown methods) and CONNECT
  // never reach serve(): answer them with a Status as well, instead of a bare line or a dropped socket.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy()
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW'
    endWithStatus(
      socket,
      new StatusError(
        tooLarge ? 431 : 400,
        'BadRequest',
        tooLarge
          ? 'request header fields too large'
          : `malformed HTTP request (${err.code ?? 'parse error'})`
      )
    )
  })
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    endWithStatus(
      socket,
      authenticate(req)
        ? methodNotAllowed('the server does not allow this method on the requested resource')
        : unauthorized()
    )
  })
  const authenticate = (req: IncomingMessage): string | undefined => {
    const h = req.headers.authorization
    if (h?.startsWith('Bearer ')) {
      const given = Buffer.from(h.slice(7).trim())
      return given.length === token.length && timingSafeEqual(given, token)
        ? 'kubernetes-admin'
        : undefined
    }
    const sock = req.socket as TLSSocket
    const raw = sock.getPeerCertificate?.()?.raw
    if (!raw) return undefined
    try {
      const cert = new X509Certificate(raw)
      if (!cert.verify(ca.publicKey) || new Date(cert.validTo) < new Date()) return undefined
      const subject = cert.subject.split('\n')
      if (!subject.includes('O=system:masters')) return undefined
      return subject.find((l) => l.startsWith('CN='))?.slice(3)
    } catch {
      return undefined // an unparsable client certificate is simply not a credential
    }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const user = authenticate(req)
    if (!user) return writeStatus(res, unauthorized())
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'https://lab')
    } catch {
      return writeStatus(
        res,
        new StatusError(400, 'BadRequest', `malformed request URI "${req.url}"`)
      )
    }
    const body = await readBody(req, maxBody).catch((err: unknown) => err as StatusError)
    if (body instanceof StatusError) return writeStatus(res, body)
    const abort = new AbortController()
    res.on('close', () => abort.abort())
    const apiReq: ApiRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers as Record<string, string | undefined>,
      body: body.length ? body : undefined,
      signal: abort.signal,
      user,
    }
    let answer: ApiResponse
    try {
      answer = await o.handler.handle(apiReq)
    } catch (err) {
      if (isStatusError(err)) return writeStatus(res, err)
      o.onError?.(err)
      return writeStatus(res, internalError(err))
    }
    write(res, answer, abort.signal)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, o.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: `https://${o.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > max) {
        reject(
          new StatusError(
            413,
            'RequestEntityTooLarge',
            `the request body is larger than ${max} bytes`
          )
        )
        req.resume()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** Writes a Status answer straight to a socket that has no ServerResponse, and closes it. */
function endWithStatus(socket: Duplex, err: StatusError): void {
  const body = JSON.stringify(err.toStatus())
  const head = `HTTP/1.1 ${err.code} ${STATUS_CODES[err.code] ?? 'Error'}\r\nContent-Type: ${JSON_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`
  socket.end(head + body)
}

function writeStatus(res: ServerResponse, err: StatusError): void {
  const body = JSON.stringify(err.toStatus())
  res.writeHead(err.code, { 'Content-Type': JSON_TYPE, 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}

function write(res: ServerResponse, a: ApiResponse, signal: AbortSignal): void {
  if ('watch' in a) {
    res.writeHead(200, {
      'Content-Type': a.watch.contentType,
      'Transfer-Encoding': 'chunked',
      'Cache-Control': 'no-cache, private',
    })
    // Headers must leave at once: kubectl wait and client-node block until they arrive.
    res.flushHeaders()
    const stop = a.watch.start(
      (ev) => res.write(JSON.stringify(ev) + '\n'),
      () => res.end()
    )
    signal.addEventListener('abort', stop, { once: true })
    return
  }
  if ('binary' in a) {
    res.writeHead(a.status, { 'Content-Type': a.contentType, 'Content-Length': a.binary.length })
    res.end(a.binary)
    return
  }
  if ('text' in a) {
    res.writeHead(a.status, {
      'Content-Type': a.contentType,
      'Content-Length': Buffer.byteLength(a.text),
    })
    res.end(a.text)
    return
  }
  const body = JSON.stringify(a.body)
  res.writeHead(a.status, {
    'Content-Type': a.contentType ?? JSON_TYPE,
    'Content-Length': Buffer.byteLength(body),
    ...a.headers,
  })
  res.end(body)
}
