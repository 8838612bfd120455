// A bare Node.js HTTPS server answering a fixed JSON body: the benchmark's reference point.
// Run as a child process: `node --import tsx bare-server.ts`, reads {certPem,keyPem,body} on stdin, prints the port.
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'

let input = ''
process.stdin.on('data', (c: Buffer) => (input += c.toString()))
process.stdin.on('end', () => {
  const { certPem, keyPem, body } = JSON.parse(input) as {
    certPem: string
    keyPem: string
    body: string
  }
  const server = createServer({ cert: certPem, key: keyPem, keepAlive: true }, (_req, res) => {
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
    })
    res.end(body)
  })
  server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port))
  process.on('SIGTERM', () => server.close(() => process.exit(0)))
})
