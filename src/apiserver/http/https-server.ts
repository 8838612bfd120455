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
import {
  AUTHENTICATED,
  MASTERS,
  UNAUTHENTICATED,
  type ApiAuthz,
  type UserInfo,
} from '../authz/index.js'
import type { ApiHandler } from '../handler/index.js'
import type { ApiRequest, ApiResponse } from '../request/index.js'
import {
  anonymousUser,
  clientCertUser,
  hasCredentials,
  splitRequestUri,
  tooLarge,
} from './request-auth.js'

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
  /** Service account tokens, impersonation and RBAC for users outside system:masters. */
  authz?: ApiAuthz
  /** Serves authenticated upgrade requests (exec, attach, port-forward: WebSocket or SPDY). */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void
}

/** A listening API server. */
export interface StartedHttpsServer {
  port: number
  url: string
  /** Bytes buffered for each open watch (what its client has not taken yet), for tests and benches. */
  watchBuffers(): number[]
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
  const watches = new Set<ServerResponse>()
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
  // Upgrade requests (WebSocket, SPDY) go to the streaming handler once authenticated.
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const who = authenticate(req)
    if (!who) return endWithStatus(socket, unauthorized())
    try {
      const { path, query } = splitRequestUri(req.url ?? '/')
      o.authz?.admit(who, req.method ?? 'GET', path, query, req.headers)
    } catch (err) {
      return endWithStatus(socket, isStatusError(err) ? err : internalError(err))
    }
    if (!o.upgrade)
      return endWithStatus(
        socket,
        new StatusError(400, 'BadRequest', 'upgrade requests are not served')
      )
    o.upgrade(req, socket, head)
  })
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    endWithStatus(
      socket,
      authenticate(req)
        ? methodNotAllowed('the server does not allow this method on the requested resource')
        : unauthorized()
    )
  })
  const authenticate = (req: IncomingMessage): UserInfo | undefined => {
    const h = req.headers.authorization
    if (h?.startsWith('Bearer ')) {
      if (o.authz) return o.authz.authenticateToken(h.slice(7).trim())
      const given = Buffer.from(h.slice(7).trim())
      return given.length === token.length && timingSafeEqual(given, token)
        ? { name: 'kubernetes-admin', groups: [MASTERS, AUTHENTICATED] }
        : undefined
    }
    const sock = req.socket as TLSSocket
    const raw = sock.getPeerCertificate?.()?.raw
    if (!raw) return undefined
    const cn = clientCertUser(raw, ca)
    return cn === undefined ? undefined : { name: cn, groups: [MASTERS, AUTHENTICATED] }
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Route on the path as sent: a WHATWG URL would resolve `..` and `%2e%2e` segments, turning
    // a ConfigMap named `..` into its namespace.
    let target: ReturnType<typeof splitRequestUri>
    try {
      target = splitRequestUri(req.url ?? '/')
    } catch (err) {
      return writeStatus(res, err as StatusError)
    }
    const { path, query } = target
    const anonymous = hasCredentials(req) ? undefined : anonymousUser(req.method ?? 'GET', path)
    let user = authenticate(req) ?? (anonymous && { name: anonymous, groups: [UNAUTHENTICATED] })
    if (!user) return writeStatus(res, unauthorized())
    // Anonymous requests reach only the public paths anonymousUser allows: RBAC is for the others.
    if (o.authz && user.name !== anonymous) {
      try {
        user = o.authz.admit(user, req.method ?? 'GET', path, query, req.headers)
      } catch (err) {
        writeStatus(res, isStatusError(err) ? err : internalError(err))
        req.resume()
        return
      }
    }
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > maxBody) {
      writeStatus(res, tooLarge(maxBody))
      req.resume()
      return
    }
    const body = await readBody(req, maxBody).catch((err: unknown) => err as StatusError)
    if (body instanceof StatusError) return writeStatus(res, body)
    const abort = new AbortController()
    res.on('close', () => abort.abort())
    const apiReq: ApiRequest = {
      method: req.method ?? 'GET',
      path,
      query,
      headers: req.headers as Record<string, string | undefined>,
      body: body.length ? body : undefined,
      signal: abort.signal,
      user: user.name,
      groups: user.groups,
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
    if ('watch' in answer) {
      watches.add(res)
      res.on('close', () => watches.delete(res))
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, o.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: `https://${o.host}:${port}`,
    watchBuffers: () => [...watches].map((r) => r.writableLength),
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
        reject(tooLarge(max))
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
    // write() returning false (the socket's buffer is full) pauses the stream until 'drain'; the
    // shared encoding of an event is written as is, never serialised again per watcher.
    const stop = a.watch.start(
      (ev, encoded) => res.write(encoded ? encoded() : JSON.stringify(ev) + '\n'),
      () => {
        res.end()
        // A client that stopped reading never takes the rest: let its connection go.
        setTimeout(() => {
          if (!res.writableFinished) res.destroy()
        }, 10_000).unref()
      },
      (resume) => res.on('drain', resume)
    )
    signal.addEventListener('abort', stop, { once: true })
    return
  }
  if ('stream' in a) {
    // A followed log: headers leave at once, then each chunk as it comes, until the end or the client goes.
    res.writeHead(a.status, {
      'Content-Type': a.contentType,
      'Transfer-Encoding': 'chunked',
      ...a.headers,
    })
    res.flushHeaders()
    const stop = a.stream.start(
      (chunk) => res.write(chunk),
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
  const body = a.encoded ? a.encoded() : JSON.stringify(a.body)
  res.writeHead(a.status, {
    'Content-Type': a.contentType ?? JSON_TYPE,
    'Content-Length': Buffer.byteLength(body),
    ...a.headers,
  })
  res.end(body)
}
