import { request, type IncomingMessage } from 'node:http'
import { connect, TLSSocket, type SecureContext } from 'node:tls'
import { duplexPair, type PairedSocket } from './duplex-pair.js'
import { createBridgeServer } from './http-bridge.js'
import type { HttpRequest, HttpResponse } from './types.js'

/** The request a TLS client sends, and what comes back through its TLS connection. */
export interface TlsDial {
  /**
   * The request to send over the pod network: the same method, path and headers, and as body a
   * handle (an empty Buffer of its own) that a TLS listener on the far side accepts the
   * connection by. The real body travels inside the TLS connection.
   */
  carrier: HttpRequest
  /** The answer as the client read it from its TLS connection. */
  response: Promise<HttpResponse>
  /** The far side accepted the TLS connection (false: it read the request as plain HTTP). */
  accepted(): boolean
  /** Closes the connection (the far side refused, or the caller gave up). */
  abort(err: Error): void
}

interface Pending {
  server: PairedSocket
  accepted: boolean
}

/**
 * Carries TLS connections across the simulated pod network, which moves HTTP exchanges rather
 * than bytes: a client `dial`s (a real `tls.connect` on one end of an in-memory socket pair,
 * HTTP/1.1 written into it), sends the returned carrier request through the network as usual
 * (DNS, kube-proxy, sidecar hooks), and the TLS listener the carrier reaches `accept`s the other
 * end with its own certificate (a real TLS server handshake), parses the decrypted request and
 * answers it through TLS. A carrier read as plain HTTP has no TLS in it; a listener that gets a
 * plain request resets it, as a TLS server does. What is simulated: the hops between the two ends
 * see the exchange's HTTP head in clear (a real network carries only TLS records there).
 */
export class TlsWire {
  private pending = new WeakMap<Buffer, Pending>()

  /** Opens a TLS connection for `req` (SNI `servername`, server certificate not verified). */
  dial(req: HttpRequest, servername: string): TlsDial {
    const [client, server] = duplexPair({ ip: '0.0.0.0', port: 0 }, { ip: '0.0.0.0', port: 0 })
    const handle = Buffer.alloc(0)
    const p: Pending = { server, accepted: false }
    this.pending.set(handle, p)
    // nginx's proxy_ssl_verify is off unless configured: MSB's gateway does not verify backends.
    const tls = connect({ socket: client, servername, rejectUnauthorized: false })
    let abort: (err: Error) => void = () => undefined
    const response = new Promise<HttpResponse>((resolve, reject) => {
      const headers = { ...req.headers, 'content-length': String(req.body.length) }
      const r = request(
        { createConnection: () => tls, method: req.method, path: req.path, headers },
        (res) => readResponse(res).then(resolve, reject)
      )
      r.on('error', reject)
      abort = (err) => {
        r.destroy(err)
        tls.destroy()
      }
      r.end(req.body)
    })
    return {
      carrier: { ...req, body: handle },
      response,
      accepted: () => p.accepted,
      abort: (err) => abort(err),
    }
  }

  /**
   * Accepts the TLS connection `req` carries, if any: handshakes with `context`, reads the
   * decrypted request and answers it with `serve` through TLS; resolves with that answer (as the
   * listener wrote it). Returns undefined for a plain request (no TLS connection in it).
   */
  accept(
    req: HttpRequest,
    context: SecureContext,
    serve: (req: HttpRequest) => Promise<HttpResponse>
  ): Promise<HttpResponse> | undefined {
    const p = this.pending.get(req.body)
    if (!p || p.accepted) return undefined
    p.accepted = true
    return new Promise<HttpResponse>((resolve, reject) => {
      const tls = new TLSSocket(p.server, { isServer: true, secureContext: context })
      const http = createBridgeServer((_socket, r) => {
        const answer = serve(r)
        answer.then(resolve, reject)
        return answer
      })
      tls.on('error', reject)
      http.emit('connection', tls)
    })
  }
}

function readResponse(res: IncomingMessage): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    res.on('data', (c: Buffer) => chunks.push(c))
    res.on('error', reject)
    res.on('end', () => {
      const headers: Record<string, string> = {}
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v
      delete headers['content-length']
      delete headers.connection
      delete headers['keep-alive']
      delete headers.date
      resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) })
    })
  })
}
