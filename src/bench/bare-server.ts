// A bare Node.js HTTPS server answering fixed bodies: the benchmarks' reference point.
// Run as a child process: `node --import tsx bare-server.ts`, reads {certPem, keyPem, …} on stdin:
// `bodies` (JSON by request URL) or one `body` for every URL; or `responses` (by path, query
// ignored, each with its content type). It prints its port; with `chain` ({body, contentType,
// path}) it also starts the bare two-hop proxy chain in the same process (as the lab daemon
// serves the API and the NodePorts in one process) and prints {"port", "chainUrl"} as one line.
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { startBareChain } from './bare-proxy-chain.js'

/** What the bare server is told on stdin. */
export interface BareServerInput {
  certPem: string
  keyPem: string
  body?: string
  bodies?: Record<string, string>
  responses?: Record<string, { body: string; contentType: string }>
  chain?: { body: string; contentType: string; path: string }
}

let input = ''
process.stdin.on('data', (c: Buffer) => (input += c.toString()))
process.stdin.on('end', () => {
  const { certPem, keyPem, body, bodies, responses, chain } = JSON.parse(input) as BareServerInput
  const bytes = new Map(Object.entries(bodies ?? {}).map(([p, b]) => [p, Buffer.from(b)]))
  const byPath = new Map(
    Object.entries(responses ?? {}).map(([p, r]) => [
      p,
      { body: Buffer.from(r.body), type: r.contentType },
    ])
  )
  const fallback = Buffer.from(body ?? '')
  const server = createServer({ cert: certPem, key: keyPem, keepAlive: true }, (req, res) => {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const r = byPath.get(q < 0 ? url : url.slice(0, q))
    const out = r?.body ?? bytes.get(url) ?? fallback
    res.writeHead(200, {
      'Content-Type': r?.type ?? 'application/json',
      'Content-Length': out.length,
    })
    res.end(out)
  })
  server.listen(0, '127.0.0.1', () => {
    const port = (server.address() as AddressInfo).port
    if (!chain) return console.log(port)
    void startBareChain(Buffer.from(chain.body), chain.contentType, chain.path).then((c) =>
      console.log(JSON.stringify({ port, chainUrl: c.url }))
    )
  })
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
})
