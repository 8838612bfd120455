import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer, request } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket, WebSocketServer } from 'ws'
import { startSimLab } from '../backends/sim/index.js'
import { defaultLab } from './default-lab.js'

const PODS = { apiVersion: 'v1', resource: 'pods', namespaced: true }

/** What the streaming benchmark measured, each next to its bare reference. */
export interface StreamingBenchResult {
  /** `exec true` over WebSocket (v5.channel.k8s.io), one connection per command. */
  execPerSecond: number
  /** A bare HTTPS WebSocket server answering one Status message per connection. */
  bareWebSocketPerSecond: number
  /** POSTed bytes through `kubectl port-forward` to a pod's HTTP port. */
  portForwardMBps: number
  /** The same POSTs to a bare Node.js HTTP server over a direct TCP connection. */
  directTcpMBps: number
}

/** Runs `once` back to back for `ms` and returns how many completed per second. */
async function perSecond(ms: number, once: () => Promise<void>): Promise<number> {
  const end = performance.now() + ms
  const t0 = performance.now()
  let n = 0
  while (performance.now() < end && n < 100_000) {
    await once()
    n++
  }
  return n / ((performance.now() - t0) / 1000)
}

function wsRoundTrip(
  url: string,
  opts: { ca: string; token: string; protocol: string }
): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [opts.protocol], {
      ca: opts.ca,
      headers: { Authorization: `Bearer ${opts.token}` },
    })
    ws.on('message', (m: Buffer) => {
      if (m[0] === 3) ws.close()
    })
    ws.on('close', () => resolve())
    ws.on('error', reject)
  })
}

/** POSTs `body` to `url` repeatedly for `ms`; returns MB/s sent. */
async function postThroughput(url: string, body: Buffer, ms: number): Promise<number> {
  let bytes = 0
  const t0 = performance.now()
  const end = t0 + ms
  for (let i = 0; i < 10_000 && performance.now() < end; i++) {
    await new Promise<void>((resolve, reject) => {
      const req = request(
        url,
        { method: 'POST', headers: { 'content-length': body.length } },
        (res) => {
          res.resume()
          res.on('end', resolve)
        }
      )
      req.on('error', reject)
      req.end(body)
    })
    bytes += body.length
  }
  return bytes / 1e6 / ((performance.now() - t0) / 1000)
}

async function waitRunning(get: () => Promise<unknown>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    const pod = (await get()) as { status?: { phase?: string } }
    if (pod.status?.phase === 'Running') return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`failed to see ${what} Running within 60 s`)
}

/**
 * Measures exec round trips per second (WebSocket v5) and port-forward throughput (the real
 * kubectl, SPDY tunnelled in a WebSocket) in a lab of the default topology, next to a bare
 * WebSocket server and a direct TCP connection on the same machine, in the same run. Bounded:
 * `durationMs` per figure, loopback only.
 */
export async function streamingBench(
  root: string,
  o: { durationMs: number }
): Promise<StreamingBenchResult> {
  const { profile, topology } = defaultLab(root)
  const lab = await startSimLab({ topology, timeFactor: profile.timeFactor, listen: false })
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-stream-bench-'))
  const cleanups: (() => Promise<void> | void)[] = [
    () => rmSync(dir, { recursive: true, force: true }),
  ]
  try {
    await lab.kubeadm.bootstrap()
    const client = lab.cluster.client('bench')
    for (const [name, image, extra] of [
      ['box', 'busybox:1.31', { command: ['sleep', '3600'] }],
      ['web', 'nginx:1.15', { ports: [{ containerPort: 80 }] }],
    ] as const)
      await client.create(PODS, {
        metadata: { name, namespace: 'default' },
        spec: { containers: [{ name, image, ...extra }] },
      })
    await waitRunning(() => client.get(PODS, 'box', 'default'), 'box')
    await waitRunning(() => client.get(PODS, 'web', 'default'), 'web')

    const ca = lab.cluster.pki.ca.certPem
    const token = lab.cluster.pki.token
    const base = lab.cluster.api.url.replace('https://', 'wss://')
    const execUrl = `${base}/api/v1/namespaces/default/pods/box/exec?command=true&stdout=true`
    const bare = createHttpsServer({
      cert: lab.cluster.pki.apiserver.certPem,
      key: lab.cluster.pki.apiserver.keyPem,
    })
    const wss = new WebSocketServer({ server: bare })
    wss.on('connection', (ws) => {
      ws.send(Buffer.concat([Buffer.from([3]), Buffer.from('{"metadata":{},"status":"Success"}')]))
      ws.close(1000)
    })
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r))
    cleanups.push(() => new Promise<void>((r) => bare.close(() => r())))
    const bareUrl = `wss://127.0.0.1:${(bare.address() as AddressInfo).port}/`
    const opts = { ca, token, protocol: 'v5.channel.k8s.io' }
    const execPerSecond = await perSecond(o.durationMs, () => wsRoundTrip(execUrl, opts))
    const bareWebSocketPerSecond = await perSecond(o.durationMs, () => wsRoundTrip(bareUrl, opts))

    const kubeconfig = join(dir, 'kubeconfig')
    writeFileSync(kubeconfig, lab.cluster.kubeconfig(), { mode: 0o600 })
    const sink = createHttpServer((req, res) => {
      req.resume()
      req.on('end', () => res.end('ok'))
    })
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r))
    cleanups.push(() => new Promise<void>((r) => sink.close(() => r())))
    const local = 18_400 + Math.floor(Math.random() * 500)
    const pf = spawn(
      join(root, '.clients', 'bin', 'kubectl'),
      ['port-forward', 'pod/web', `${local}:80`],
      {
        env: { PATH: process.env.PATH, HOME: dir, KUBECONFIG: kubeconfig },
      }
    )
    cleanups.push(() => void pf.kill())
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error('failed to start kubectl port-forward within 20 s')),
        20_000
      )
      pf.stdout.on('data', (b: Buffer) => {
        if (b.toString().includes('Forwarding from')) {
          clearTimeout(t)
          resolve()
        }
      })
    })
    const body = Buffer.alloc(4 << 20, 'x')
    const portForwardMBps = await postThroughput(
      `http://127.0.0.1:${local}/upload`,
      body,
      o.durationMs
    )
    const directTcpMBps = await postThroughput(
      `http://127.0.0.1:${(sink.address() as AddressInfo).port}/upload`,
      body,
      o.durationMs
    )
    return { execPerSecond, bareWebSocketPerSecond, portForwardMBps, directTcpMBps }
  } finally {
    for (const c of cleanups.reverse()) await c()
    await lab.stop()
  }
}

/** Runs the streaming benchmark and prints its figures (`npm run bench`, part `streaming`). */
export async function printStreamingBench(root: string, durationMs = 3000): Promise<void> {
  console.log(
    `Streaming (exec over WebSocket v5, port-forward with kubectl 1.33, ${durationMs / 1000}s each):`
  )
  const r = await streamingBench(root, { durationMs })
  const pct = (a: number, b: number, of: string) => `(${((100 * a) / b).toFixed(0)}% of ${of})`
  console.log(
    `  bare WebSocket round trip (TLS)        ${r.bareWebSocketPerSecond.toFixed(0).padStart(8)} /s`
  )
  console.log(
    `  kubectl-style exec \`true\` round trip    ${r.execPerSecond.toFixed(0).padStart(8)} /s  ${pct(r.execPerSecond, r.bareWebSocketPerSecond, 'bare')}`
  )
  console.log(
    `  direct TCP POST 4 MiB                  ${r.directTcpMBps.toFixed(1).padStart(8)} MB/s`
  )
  console.log(
    `  port-forward POST 4 MiB                ${r.portForwardMBps.toFixed(1).padStart(8)} MB/s  ${pct(r.portForwardMBps, r.directTcpMBps, 'direct')}`
  )
}
