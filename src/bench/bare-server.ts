// A bare Node.js HTTPS server answering fixed JSON bodies: the benchmark's reference point.
// Run as a child process: `node --import tsx bare-server.ts`, reads {certPem,keyPem,bodies} on
// stdin (bodies by request path, or one `body` for every path), prints the port.
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'

let input = ''
process.stdin.on('data', (c: Buffer) => (input += c.toString()))
process.stdin.on('end', () => {
  const { certPem, keyPem, body, bodies } = JSON.parse(input) as {
    certPem: string
    keyPem: string
    body?: string
    bodies?: Record<string, string>
  }
  const bytes = new Map(Object.entries(bodies ?? {}).map(([p, b]) => [p, Buffer.from(b)]))
  const fallback = Buffer.from(body ?? '')
  const server = createServer({ cert: certPem, key: keyPem, keepAlive: true }, (req, res) => {
    const out = bytes.get(req.url ?? '/') ?? fallback
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': out.length })
    res.end(out)
  })
  server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port))
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
})
