import { expect } from 'chai'
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { KUBECTL, run, until, type ClusterTestLab } from './support/lab-fixture.js'
import { background, startStreamingLab } from './support/streaming-fixture.js'

const KUBECTL_120 = '/opt/kubectl-1.20/usr/bin/kubectl'

describe('kubectl exec, attach and cp on the simulated pods', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab

  before(async () => {
    lab = await startStreamingLab()
  })
  after(async () => lab?.stop())

  it('exec runs a shell in the container and exits with its code (WebSocket v5)', async () => {
    const r = await lab.kubectl(['exec', 'box', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'])
    expect(r.code).to.equal(3)
    expect(r.stdout).to.equal('out\n')
    expect(r.stderr).to.equal('err\ncommand terminated with exit code 3\n')
  })

  it("exec sees the container's env, downward API, ConfigMap volume and hostname", async () => {
    const r = await lab.kubectl([
      'exec',
      'box',
      '--',
      'sh',
      '-c',
      'echo $GREETING $MY_POD $(hostname); cat /etc/config/app.properties | grep port; ls /var/run/secrets/kubernetes.io/serviceaccount',
    ])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout).to.equal('hello box box\nport=8080\nca.crt\nnamespace\ntoken\n')
  })

  it('exec -i passes stdin; an emptyDir keeps what was written', async () => {
    const w = await lab.kubectl(
      ['exec', '-i', 'box', '--', 'sh', '-c', 'cat > /scratch/in.txt; wc -l < /scratch/in.txt'],
      'a\nb\nc\n'
    )
    expect(w).to.include({ code: 0, stdout: '3\n' })
    const r = await lab.kubectl(['exec', 'box', '--', 'cat', '/scratch/in.txt'])
    expect(r.stdout).to.equal('a\nb\nc\n')
  })

  it('an unknown command: 127 from sh, 126 from the runtime; curl is not in busybox', async () => {
    const sh = await lab.kubectl(['exec', 'box', '--', 'sh', '-c', 'nosuch'])
    expect(sh.code).to.equal(127)
    expect(sh.stderr).to.contain('sh: nosuch: not found')
    const direct = await lab.kubectl(['exec', 'box', '--', 'curl', 'http://web:8000/'])
    expect(direct.code).to.equal(126)
    expect(direct.stdout).to.contain('executable file not found in $PATH')
  })

  it('curl in a curl image goes through the lab network (Istio task style)', async () => {
    const ok = await lab.kubectl([
      'exec',
      'sleep',
      '-c',
      'sleep',
      '--',
      'curl',
      '-s',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      'http://web:8000/ip',
    ])
    expect(ok).to.include({ code: 0, stdout: '200' })
    const body = await lab.kubectl([
      'exec',
      'sleep',
      '--',
      'sh',
      '-c',
      'curl -s http://web.default.svc.cluster.local:8000/x | grep -c pod',
    ])
    expect(body.stdout.trim()).to.match(/^[1-9]\d*$/)
    const bad = await lab.kubectl(['exec', 'sleep', '--', 'curl', '-sS', 'http://nosuchhost/'])
    expect(bad.code).to.equal(6)
    expect(bad.stderr).to.contain('curl: (6) Could not resolve host: nosuchhost')
  })

  it('a distroless image has no shell: exec fails as the runtime fails it', async () => {
    const r = await lab.kubectl(['exec', 'nosh', '--', 'sh', '-c', 'true'])
    expect(r.code).to.equal(126)
    expect(r.stdout).to.contain('exec: \\"sh\\": executable file not found in $PATH')
  })

  it('answers a missing pod or container with the API error, not a bare 404', async () => {
    const pod = await lab.kubectl(['exec', 'nopod', '--', 'ls'])
    expect(pod.stderr).to.contain('pods "nopod" not found')
    const c = await lab.kubectl(['exec', 'box', '-c', 'other', '--', 'ls'])
    expect(c.stderr).to.contain('container other is not valid for pod box')
  })

  it('kubectl 1.20 execs over SPDY/3.1 with exit codes and stdin', async function () {
    const env = { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: lab.kubeconfig }
    const r = await run(KUBECTL_120, ['exec', 'box', '--', 'sh', '-c', 'echo spdy; exit 5'], env)
    expect(r.code).to.equal(5)
    expect(r.stdout).to.equal('spdy\n')
    const i = await run(
      KUBECTL_120,
      ['exec', '-i', 'box', '--', 'sh', '-c', 'cat | wc -l'],
      env,
      'x\ny\n'
    )
    expect(i).to.include({ code: 0, stdout: '2\n' })
  })

  it('exec -it gives a prompt in a pseudo-terminal (script)', async () => {
    const cmd = `${KUBECTL} exec -it box -- sh`
    const out = await new Promise<{ code: number; out: string }>((resolve) => {
      const child = execFile(
        'script',
        ['-qec', cmd, '/dev/null'],
        {
          env: { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: lab.kubeconfig },
          timeout: 30_000,
        },
        (err, stdout) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout })
      )
      const type = (s: string, ms: number) => setTimeout(() => child.stdin?.write(s), ms)
      type('echo hel', 1500)
      type('x\x7flo $((6*7))\r', 1700)
      type('exit 4\r', 2500)
    })
    expect(out.out).to.contain('/ # ')
    expect(out.out).to.contain('hello 42')
    expect(out.code).to.equal(4)
  })

  it('cp copies a file into the pod and back out', async () => {
    const src = join(lab.dir, 'up.txt')
    writeFileSync(src, 'payload\n')
    const up = await lab.kubectl(['cp', src, 'default/box:/tmp/up.txt'])
    expect(up.code, up.stderr).to.equal(0)
    expect((await lab.kubectl(['exec', 'box', '--', 'cat', '/tmp/up.txt'])).stdout).to.equal(
      'payload\n'
    )
    mkdirSync(join(lab.dir, 'down'), { recursive: true })
    const dest = join(lab.dir, 'down', 'props')
    const down = await lab.kubectl(['cp', 'default/box:/etc/config/app.properties', dest])
    expect(down.code, down.stderr).to.equal(0)
    expect(readFileSync(dest, 'utf8')).to.equal('port=8080\nmode=lab\n')
  })

  it('attach shows what the main process writes from now on', async () => {
    const a = background(lab, ['attach', 'ticker'])
    await a.waitFor(/tick \d+\n.*tick \d+/s)
    await a.stop()
  })

  it('kill 1 ends the main process and the pod restarts it', async () => {
    const running = background(lab, ['exec', 'ticker', '--', 'sleep', '60'])
    await new Promise((r) => setTimeout(r, 500))
    const r = await lab.kubectl(['exec', 'ticker', '--', 'kill', '1'])
    expect(r.code, r.stderr).to.equal(0)
    // An exec session ends with its container.
    const ended = await Promise.race([
      new Promise<number | null>((res) => running.child.on('exit', res)),
      new Promise<string>((res) => setTimeout(() => res('still running'), 10_000)),
    ])
    expect(ended).to.not.equal('still running')
    expect(running.output()).to.contain('command terminated with exit code 143')
    await until(
      'a restart',
      async () =>
        (
          await lab.kubectl([
            'get',
            'pod',
            'ticker',
            '-o',
            'jsonpath={.status.containerStatuses[0].restartCount}',
          ])
        ).stdout === '1',
      30_000
    )
    const last = await lab.kubectl([
      'get',
      'pod',
      'ticker',
      '-o',
      'jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}',
    ])
    expect(last.stdout).to.equal('143')
  })

  it('a bare pod runs its own command: exit 3 ends Error, echo ends Completed with its output logged', async () => {
    await lab.kubectl([
      'run',
      'fails',
      '--image=busybox:1.31',
      '--restart=Never',
      '--',
      'sh',
      '-c',
      'exit 3',
    ])
    await lab.kubectl([
      'run',
      'says',
      '--image=busybox:1.31',
      '--restart=Never',
      '--',
      'echo',
      'hi',
    ])
    const code = (p: string) =>
      lab.kubectl([
        'get',
        'pod',
        p,
        '-o',
        'jsonpath={.status.containerStatuses[0].state.terminated.exitCode} {.status.containerStatuses[0].state.terminated.reason}',
      ])
    await until('fails to end', async () => (await code('fails')).stdout.trim() !== '', 30_000)
    await until('says to end', async () => (await code('says')).stdout.trim() !== '', 30_000)
    expect((await code('fails')).stdout).to.equal('3 Error')
    expect((await code('says')).stdout).to.equal('0 Completed')
    expect((await lab.kubectl(['logs', 'says'])).stdout).to.equal('hi\n')
  })
})
