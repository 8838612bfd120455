import { Agent, createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A running bare chain: its front URL and stop. */
export interface BareChain {
  url: string
  stop(): Promise<void>
}

const listen = (s: Server) =>
  new Promise<number>((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port))
  )

/**
 * Starts the reference for the data plane: a bare Node.js HTTP proxy (buffering the response,
 * keep-alive to its upstream) in front of a bare server answering `body`: the same two hops as
 * NodePort → msb-iag → multicloud, without Kubernetes, DNS or routing tables.
 */
export async function startBareChain(
  body: Buffer,
  contentType: string,
  path: string
): Promise<BareChain> {
  const backend = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': String(body.length) })
    res.end(body)
  })
  const backendPort = await listen(backend)
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const proxy = createServer((req, res) => {
    const up = request(
      {
        agent,
        host: '127.0.0.1',
        port: backendPort,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (r) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => {
          const b = Buffer.concat(chunks)
          res.writeHead(r.statusCode ?? 502, {
            'content-type': r.headers['content-type'] ?? '',
            'content-length': String(b.length),
          })
          res.end(b)
        })
      }
    )
    up.on('error', () => res.writeHead(502).end())
    req.pipe(up)
  })
  const proxyPort = await listen(proxy)
  return {
    url: `http://127.0.0.1:${String(proxyPort)}${path}`,
    stop: async () => {
      agent.destroy()
      proxy.closeAllConnections()
      backend.closeAllConnections()
      await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => backend.close(r))])
    },
  }
}
