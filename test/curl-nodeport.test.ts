import { expect } from 'chai'
import { createServer, request } from 'node:http'
import { connect, type Socket } from 'node:net'
import { machineCommands } from '../src/backends/sim/daemon/machine-commands.js'
import { run, startClusterTestLab, until, type ClusterTestLab } from './support/lab-fixture.js'

const CURL = '/usr/bin/curl'
const NODES = ['127.0.10.104', '127.0.10.105', '127.0.10.106']
// A NodePort few other labs on this machine would take (the allocator's range is 30000-32767).
const NODE_PORT = 30000 + Math.floor(Math.random() * 2700)

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, version: v1}}
    spec:
      containers:
      - name: web
        image: example.com/echo:1.0
        ports: [{containerPort: 8080, name: http}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: client, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: client}}
  template:
    metadata: {labels: {app: client}}
    spec:
      containers:
      - name: shell
        image: example.com/shell:1.0
        ports: [{containerPort: 9000}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  type: NodePort
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: http, nodePort: ${String(NODE_PORT)}}
`

const curl = (args: string[]) => run(CURL, args, { PATH: process.env.PATH }, undefined, 20_000)

/** Times `kubectl get pods` (ms) and checks it answered. */
async function timedGetPods(lab: ClusterTestLab): Promise<number> {
  const t0 = Date.now()
  const r = await lab.kubectl(['get', 'pods', '--request-timeout=20s'])
  expect(r.code, r.stderr).to.equal(0)
  return Date.now() - t0
}

describe('NodePorts and in-pod curl with the real curl', function () {
  this.timeout(180_000)
  let lab: ClusterTestLab
  let inPod: ReturnType<typeof machineCommands>

  before(async () => {
    lab = await startClusterTestLab()
    inPod = machineCommands(lab.lab)
    const r = await lab.kubectl(['apply', '-f', lab.file('web.yaml', MANIFEST)])
    expect(r.code, r.stderr).to.equal(0)
    for (const d of ['web', 'client']) {
      const s = await lab.kubectl(['rollout', 'status', `deployment/${d}`, '--timeout=90s'])
      expect(s.code, s.stderr).to.equal(0)
    }
  })
  after(async () => {
    await inPod.stop()
    await lab.stop()
  })

  it('answers 200 from a running pod on every node address', async () => {
    const url = (n: string) => `http://${n}:${String(NODE_PORT)}/hello?x=1`
    await until(
      'the NodePort to answer',
      async () => (await curl(['-sf', url(NODES[1]!)])).code === 0,
      30_000
    )
    for (const n of NODES) {
      const r = await curl(['-sS', '-H', 'X-Probe: 1', url(n)])
      expect(r.code, `${n}: ${r.stderr}`).to.equal(0)
      const body = JSON.parse(r.stdout) as Record<string, unknown>
      expect(body.pod).to.match(/^web-[a-z0-9]+-[a-z0-9]+$/)
      expect(body).to.deep.include({
        namespace: 'default',
        port: 8080,
        request: 'GET /hello?x=1 HTTP/1.1',
        version: 'v1',
      })
      expect((body.headers as Record<string, string>)['x-probe']).to.equal('1')
    }
  })

  it('resolves Service names inside a pod and reaches the Service through kube-proxy', async () => {
    for (const host of ['web', 'web.default', 'web.default.svc.cluster.local']) {
      const r = await inPod.exec('', [
        'curl',
        'deploy/client',
        '--',
        '-sS',
        `http://${host}/in-pod`,
      ])
      expect(r.code, `${host}: ${r.stderr}`).to.equal(0)
      const body = JSON.parse(r.stdout) as { pod: string; from: string; port: number }
      expect(body.pod).to.match(/^web-/)
      expect(body.from).to.match(/^default\/client-/)
    }
  })

  it('fails an unknown host inside a pod with exit 6, as curl does', async () => {
    const r = await inPod.exec('', [
      'curl',
      'deploy/client',
      '--',
      '-sS',
      'http://no-such-service/',
    ])
    expect(r).to.deep.equal({
      code: 6,
      stdout: '',
      stderr: 'curl: (6) Could not resolve host: no-such-service\n',
    })
    const missing = await inPod.exec('', ['curl', 'nope-pod', '--', '-s', 'http://web/'])
    expect(missing.code).to.equal(1)
    expect(missing.stderr).to.equal('Error from server (NotFound): pods "nope-pod" not found\n')
  })

  it('refuses a 100 MB body without the daemon dying, and keeps serving', async () => {
    const status = await new Promise<number | string>((resolve) => {
      const req = request(
        {
          host: NODES[0],
          port: NODE_PORT,
          method: 'POST',
          path: '/',
          headers: { 'content-length': String(100 << 20) },
        },
        (res) => (res.resume(), resolve(res.statusCode ?? 0))
      )
      req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'))
      const chunk = Buffer.alloc(1 << 20)
      let sent = 0
      const pump = () => {
        while (sent < 100 && req.write(chunk)) sent++
        if (sent < 100) req.once('drain', () => (sent++, pump()))
        else req.end()
      }
      pump()
    })
    expect(status).to.be.oneOf([413, 'ECONNRESET', 'EPIPE'])
    expect(
      (
        await curl([
          '-sS',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          `http://${NODES[0]}:${String(NODE_PORT)}/`,
        ])
      ).stdout
    ).to.equal('200')
    expect(await timedGetPods(lab)).to.be.below(5_000)
  })

  it('keeps answering the API and the NodePort with slowloris clients and 200 concurrent connections', async () => {
    const slow: Socket[] = []
    for (let i = 0; i < 50; i++) {
      const s = connect(NODE_PORT, NODES[i % 3])
      s.on('error', () => undefined)
      s.write('GET / HTTP/1.1\r\nHost: x\r\n')
      slow.push(s)
    }
    const drip = setInterval(() => slow.forEach((s) => s.writable && s.write('X-a: b\r\n')), 500)
    try {
      const results = await Promise.all(
        Array.from(
          { length: 200 },
          (_, i) =>
            new Promise<number>((resolve) => {
              const req = request(
                { host: NODES[i % 3], port: NODE_PORT, path: `/c${String(i)}`, agent: false },
                (res) => {
                  res.resume()
                  res.on('end', () => resolve(res.statusCode ?? 0))
                }
              )
              req.on('error', () => resolve(0))
              req.end()
            })
        )
      )
      expect(results.filter((s) => s === 200).length).to.equal(200)
      expect(await timedGetPods(lab)).to.be.below(5_000)
    } finally {
      clearInterval(drip)
      slow.forEach((s) => s.destroy())
    }
  })

  it('reports a NodePort taken on the host as an Event on the Service and serves the other nodes', async () => {
    const port = NODE_PORT + 1
    const squatter = createServer()
    await new Promise<void>((r) => squatter.listen(port, NODES[1], r))
    try {
      const svc = MANIFEST.slice(MANIFEST.lastIndexOf('apiVersion: v1'))
        .replace('name: web,', 'name: web-taken,')
        .replace(String(NODE_PORT), String(port))
      expect((await lab.kubectl(['apply', '-f', lab.file('taken.yaml', svc)])).code).to.equal(0)
      await until(
        'the event',
        async () => {
          const r = await lab.kubectl([
            'get',
            'events',
            '--field-selector',
            'involvedObject.name=web-taken',
          ])
          return r.stdout.includes('NodePortNotOpened')
        },
        30_000
      )
      const ev = await lab.kubectl([
        'get',
        'events',
        '--field-selector',
        'involvedObject.name=web-taken',
        '-o',
        'jsonpath={.items[0].message}',
      ])
      expect(ev.stdout).to.equal(
        `onap-mesh-worker: can't open "nodePort for default/web-taken:http" (${NODES[1]!}:${String(port)}/tcp), skipping this nodePort: listen tcp ${NODES[1]!}:${String(port)}: bind: address already in use`
      )
      const r = await curl([
        '-s',
        '-o',
        '/dev/null',
        '-w',
        '%{http_code}',
        `http://${NODES[2]!}:${String(port)}/`,
      ])
      expect(r.stdout).to.equal('200')
    } finally {
      squatter.close()
    }
  })

  it('stops listening on a node whose machine is powered off', async () => {
    const r = await inPod.exec('onap-mesh-worker2', ['poweroff'])
    expect(r.code, r.stderr).to.equal(0)
    expect((await curl(['-s', `http://${NODES[2]!}:${String(NODE_PORT)}/`])).code).to.equal(7)
    expect(
      (
        await curl([
          '-s',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          `http://${NODES[0]!}:${String(NODE_PORT)}/`,
        ])
      ).stdout
    ).to.equal('200')
  })

  it('refuses connections (curl exit 7) once the Deployment is scaled to 0', async () => {
    const s = await lab.kubectl(['scale', 'deployment/web', '--replicas=0'])
    expect(s.code, s.stderr).to.equal(0)
    await until(
      'the NodePort to refuse',
      async () => (await curl(['-s', `http://${NODES[1]}:${String(NODE_PORT)}/`])).code === 7,
      30_000
    )
    for (const n of NODES.slice(0, 2)) {
      const r = await curl(['-sS', `http://${n}:${String(NODE_PORT)}/`])
      expect(r.code).to.equal(7)
      expect(r.stderr).to.match(
        new RegExp(
          `^curl: \\(7\\) Failed to connect to ${n.replace(/\./g, '\\.')} port ${String(NODE_PORT)} after \\d+ ms: Couldn't connect to server\\n$`
        )
      )
    }
    const inside = await inPod.exec('', ['curl', 'deploy/client', '--', '-sS', 'http://web/'])
    expect(inside.code).to.equal(7)
    expect(inside.stderr).to.match(
      /^curl: \(7\) Failed to connect to web port 80 after \d+ ms: Couldn't connect to server\n$/
    )
  })
})
