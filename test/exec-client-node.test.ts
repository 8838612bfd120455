import { expect } from 'chai'
import * as k8s from '@kubernetes/client-node'
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { PassThrough } from 'node:stream'
import { WebSocket } from 'ws'
import { type ClusterTestLab } from './support/lab-fixture.js'
import { startStreamingLab } from './support/streaming-fixture.js'

/** Runs a command through client-node's Exec; resolves with its output and the Status it ended with. */
function clientExec(
  kc: k8s.KubeConfig,
  command: string[],
  input?: string
): Promise<{ stdout: string; stderr: string; status: k8s.V1Status }> {
  const exec = new k8s.Exec(kc)
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (b: Buffer) => (out += b.toString()))
  stderr.on('data', (b: Buffer) => (err += b.toString()))
  const stdin = input === undefined ? null : new PassThrough()
  return new Promise((resolve, reject) => {
    exec
      .exec('default', 'box', 'box', command, stdout, stderr, stdin, false, (status) =>
        setTimeout(() => resolve({ stdout: out, stderr: err, status }), 20)
      )
      .then(() => stdin?.end(input))
      .catch(reject)
  })
}

describe('exec from API clients (@kubernetes/client-node, Python)', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab
  let kc: k8s.KubeConfig

  before(async () => {
    lab = await startStreamingLab()
    kc = new k8s.KubeConfig()
    kc.loadFromFile(lab.kubeconfig)
  })
  after(async () => lab?.stop())

  it('client-node Exec gets output and a Success status', async () => {
    const r = await clientExec(kc, ['sh', '-c', 'echo $GREETING; echo oops >&2'])
    expect(r.stdout).to.equal('hello\n')
    expect(r.stderr).to.equal('oops\n')
    expect(r.status.status).to.equal('Success')
  })

  it('client-node Exec gets the exit code in a NonZeroExitCode status', async () => {
    const r = await clientExec(kc, ['sh', '-c', 'exit 9'])
    expect(r.status.status).to.equal('Failure')
    expect(r.status.reason).to.equal('NonZeroExitCode')
    expect(r.status.details?.causes?.[0]).to.deep.include({ reason: 'ExitCode', message: '9' })
  })

  for (const protocol of [
    'v4.channel.k8s.io',
    'v4.base64.channel.k8s.io',
    'base64.channel.k8s.io',
  ]) {
    it(`a raw WebSocket client speaking ${protocol} gets stdout and, from v4, the exit Status`, async () => {
      const server = lab.cluster.api.url.replace('https://', 'wss://')
      const token = /token: (\S+)/.exec(lab.cluster.kubeconfig())![1]!
      const got: { channel: number; data: string }[] = []
      let negotiated = ''
      await new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(
          `${server}/api/v1/namespaces/default/pods/box/exec?command=sh&command=-c&command=echo%20hi%3B%20exit%202&stdout=true&stderr=true`,
          [protocol],
          { ca: lab.cluster.pki.ca.certPem, headers: { Authorization: `Bearer ${token}` } }
        )
        ws.on('open', () => (negotiated = ws.protocol))
        ws.on('message', (m: Buffer, binary: boolean) => {
          if (binary) got.push({ channel: m[0]!, data: m.subarray(1).toString() })
          else {
            const t = m.toString()
            got.push({ channel: Number(t[0]), data: Buffer.from(t.slice(1), 'base64').toString() })
          }
        })
        ws.on('close', () => resolve())
        ws.on('error', reject)
      })
      expect(negotiated).to.equal(protocol)
      expect(got.find((g) => g.channel === 1)?.data).to.equal('hi\n')
      const status = got.find((g) => g.channel === 3)?.data ?? ''
      if (protocol.startsWith('v4'))
        expect(JSON.parse(status).details.causes[0].message).to.equal('2')
      else expect(status).to.contain('exit code 2')
    })
  }

  it('client-node PortForward reaches a pod port over the WebSocket channel protocol', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api)
    const pods = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' })
    const name = pods.items[0]!.metadata!.name!
    const output = new PassThrough()
    const input = new PassThrough()
    let got = ''
    output.on('data', (b: Buffer) => (got += b.toString()))
    const ws = await new k8s.PortForward(kc).portForward('default', name, [80], output, null, input)
    input.write('GET /client-node-pf HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n')
    const deadline = Date.now() + 10_000
    while (!got.includes('/client-node-pf') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50))
    expect(got).to.match(/^HTTP\/1\.1 200/)
    expect(got).to.contain('/client-node-pf')
    ;(ws as { close(): void }).close()
  })

  it("Python's kubernetes.stream runs a command (skipped without python3-kubernetes)", async function () {
    const probe = await new Promise<boolean>((r) =>
      execFile('/usr/bin/python3', ['-c', 'import kubernetes'], (e) => r(!e))
    )
    if (!existsSync('/usr/bin/python3') || !probe) {
      console.log('      (python3-kubernetes is not installed: the Python client test is skipped)')
      this.skip()
    }
    const script = [
      'import sys',
      'from kubernetes import client, config',
      'from kubernetes.stream import stream',
      `config.load_kube_config(config_file=${JSON.stringify(lab.kubeconfig)})`,
      'api = client.CoreV1Api()',
      "out = stream(api.connect_get_namespaced_pod_exec, 'box', 'default', command=['sh', '-c', 'echo from-python $MY_POD'], stderr=True, stdin=False, stdout=True, tty=False)",
      'sys.stdout.write(out)',
    ].join('\n')
    const out = await new Promise<string>((r) =>
      execFile(
        '/usr/bin/python3',
        ['-c', script],
        { env: { HOME: lab.dir } },
        (_e, stdout, stderr) => r(stdout + stderr)
      )
    )
    expect(out).to.contain('from-python box')
  })
})
