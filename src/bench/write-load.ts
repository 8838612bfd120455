// Raw object writes through the API over HTTPS, the cluster benchmark's reference: small
// ConfigMap creates from keep-alive connections for a fixed time. Run as a child process (so the
// load does not share the API server's event loop): `node --import tsx write-load.ts`, reads
// {url, caPem, token, namespace, concurrency, durationMs} on stdin, prints the result as JSON.
import { Agent, request } from 'node:https'

interface Input {
  url: string
  caPem: string
  token: string
  namespace: string
  concurrency: number
  durationMs: number
}

async function run(o: Input): Promise<{ writes: number; errors: number; seconds: number }> {
  const u = new URL(o.url)
  if (!/^127\.|^localhost$/.test(u.hostname))
    throw new Error(`refusing to load ${u.hostname}: the benchmark only targets loopback`)
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency, ca: o.caPem })
  let writes = 0
  let errors = 0
  let n = 0
  const end = Date.now() + o.durationMs
  const one = () =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: `w-${n++}`, namespace: o.namespace },
        data: { k: 'v' },
      })
      const req = request(
        {
          agent,
          method: 'POST',
          hostname: u.hostname,
          port: u.port,
          path: `/api/v1/namespaces/${o.namespace}/configmaps`,
          headers: {
            authorization: `Bearer ${o.token}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
        },
        (res) => {
          res.on('data', () => undefined)
          res.on('end', () => {
            if (res.statusCode === 201) writes++
            else errors++
            resolve()
          })
        }
      )
      req.on('error', () => {
        errors++
        resolve()
      })
      req.end(body)
    })
  const start = Date.now()
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (Date.now() < end) await one()
    })
  )
  agent.destroy()
  return { writes, errors, seconds: (Date.now() - start) / 1000 }
}

let input = ''
process.stdin.on('data', (c: Buffer) => (input += c.toString()))
process.stdin.on('end', () => {
  run(JSON.parse(input) as Input)
    .then((r) => process.stdout.write(JSON.stringify(r)))
    .catch((err: unknown) => {
      process.stderr.write(`write load failed: ${String(err)}\n`)
      process.exitCode = 1
    })
})
