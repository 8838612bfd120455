/**
 * A host listener on loopback through which the real Prometheus scrapes the simulated cluster:
 * `GET /pod/<ip>/<port>/<path>` is sent from the host into the pod network to `<ip>:<port>`.
 * Text expositions get a zero sample for counters that started since the previous scrape
 * (zero-start.ts).
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PodNetwork } from '../../network/index.js'
import { addZeroStarts, type ScrapeMemory } from './zero-start.js'

/** A running scrape bridge. */
export interface ScrapeBridge {
  /** `127.0.0.1:<port>`. */
  address: string
  close(): Promise<void>
}

/** Starts the bridge on 127.0.0.1 (an ephemeral port). */
export async function startScrapeBridge(network: PodNetwork): Promise<ScrapeBridge> {
  const scrapes = new Map<string, ScrapeMemory>()
  const server: Server = createServer((req, res) => {
    const m = /^\/pod\/(\d+\.\d+\.\d+\.\d+)\/(\d+)(\/.*)$/.exec(req.url ?? '')
    if (!m) {
      res.writeHead(404).end('no such scrape target\n')
      return
    }
    const headers: Record<string, string> = {}
    if (typeof req.headers.accept === 'string') headers.accept = req.headers.accept
    network
      .fetch({ kind: 'host', ip: '127.0.0.1' }, `http://${m[1]}:${m[2]}${m[3]}`, {
        headers,
        timeoutMs: 10_000,
      })
      .then((r) => {
        const type = r.headers['content-type'] ?? 'text/plain'
        let body: Buffer | string = r.body
        if (r.status === 200 && type.startsWith('text/plain')) {
          const key = req.url ?? ''
          const z = addZeroStarts(r.body.toString('utf8'), scrapes.get(key), Date.now())
          scrapes.set(key, z.memory)
          body = z.text
        }
        res.writeHead(r.status, { 'content-type': type }).end(body)
      })
      .catch((err: unknown) => {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`${(err as Error).message}\n`)
      })
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    address: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
