import { createReadStream, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

/** Where the chart repository listens and what it serves. */
export interface ChartRepoServerOptions {
  /** The directory of `index.yaml` and the chart archives. */
  dir: string
  /** Default 127.0.0.1, as `helm serve`. */
  host?: string
  /** Default 8879, as `helm serve`; 0 picks a free port. */
  port?: number
}

/** A running chart repository. */
export interface StartedChartRepoServer extends AsyncDisposable {
  /** `http://127.0.0.1:8879`. */
  url: string
  port: number
  stop(): Promise<void>
}

/** The address `helm serve` (Helm 2) listened on, which the page's `helm repo add local` uses. */
export const HELM_SERVE_PORT = 8879

const FILE_NAME = /^[A-Za-z0-9_+-][A-Za-z0-9._+-]*$/

function contentType(name: string): string {
  if (name.endsWith('.yaml')) return 'application/x-yaml'
  if (name.endsWith('.tgz')) return 'application/gzip'
  if (name.endsWith('.prov')) return 'application/pgp-signature'
  return 'application/octet-stream'
}

function handle(dir: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  let name = ''
  try {
    name = decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\/+/, ''))
  } catch {
    // A malformed %-escape names no file.
  }
  // Only plain file names of the served directory: no sub-paths, no dot files, no `..`.
  const file = FILE_NAME.test(name) ? join(dir, name) : undefined
  const stat = file ? statSync(file, { throwIfNoEntry: false }) : undefined
  if (!file || !stat?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n')
    return
  }
  res.writeHead(200, { 'content-type': contentType(name), 'content-length': stat.size })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
}

/**
 * Starts the lab's chart repository (what `helm serve` was): a small HTTP server over a
 * directory. Rejects with "port 8879 is in use: …" when the port is taken.
 */
export function startChartRepoServer(o: ChartRepoServerOptions): Promise<StartedChartRepoServer> {
  const host = o.host ?? '127.0.0.1'
  const port = o.port ?? HELM_SERVE_PORT
  const server = createServer((req, res) => handle(o.dir, req, res))
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? `port ${port} is in use: ${err.message} (another helm serve? stop it or free the port)`
          : `failed to start the chart repository on ${host}:${port}: ${err.message}`
      reject(new Error(why, { cause: err }))
    })
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port
      const stop = (): Promise<void> =>
        new Promise((done) => {
          server.closeAllConnections()
          server.close(() => done())
        })
      resolve({ url: `http://${host}:${actual}`, port: actual, stop, [Symbol.asyncDispose]: stop })
    })
  })
}
