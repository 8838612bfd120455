import { expect } from 'chai'
import { execFile } from 'node:child_process'
import { type ClusterTestLab } from './support/lab-fixture.js'
import { background, startStreamingLab } from './support/streaming-fixture.js'

function curl(url: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile('/usr/bin/curl', ['-s', '-m', '10', url], (err, out) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out })
    )
  )
}

describe('kubectl port-forward and the proxy subresources', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab

  before(async () => {
    lab = await startStreamingLab()
  })
  after(async () => lab?.stop())

  for (const [target, local] of [
    ['pod/box', 0],
    ['svc/web', 18231],
    ['deploy/web', 18232],
  ] as const) {
    if (target === 'pod/box') continue
    it(`forwards real TCP to ${target} with two concurrent connections`, async () => {
      const remote = target === 'svc/web' ? 8000 : 80
      const pf = background(lab, ['port-forward', target, `${local}:${remote}`])
      await pf.waitFor(/Forwarding from 127\.0\.0\.1/)
      const [a, b] = await Promise.all([
        curl(`http://127.0.0.1:${local}/a`),
        curl(`http://127.0.0.1:${local}/b`),
      ])
      expect(a.code).to.equal(0)
      expect(b.code).to.equal(0)
      expect(a.out).to.contain('"pod"')
      expect(a.out).to.contain('/a')
      expect(b.out).to.contain('/b')
      expect(await pf.stop()).to.not.equal(undefined)
      // Closed: nothing listens any more.
      expect((await curl(`http://127.0.0.1:${local}/`)).code).to.equal(7)
    })
  }

  it('says the connection was refused for a port the pod does not serve, as on a real cluster', async () => {
    const pf = background(lab, ['port-forward', 'deploy/web', '18234:9999'])
    await pf.waitFor(/Forwarding from 127\.0\.0\.1/)
    const r = await curl('http://127.0.0.1:18234/')
    expect(r.code, 'curl gets no HTTP answer').to.not.equal(0)
    await pf.waitFor(/error forwarding port 9999[^\n]*[Cc]onnection refused/)
    await pf.stop()
  })

  it('kubectl 1.20 forwards over a SPDY/3.1 upgrade', async () => {
    const pf = background(
      lab,
      ['port-forward', 'svc/web', '18233:8000'],
      '/opt/kubectl-1.20/usr/bin/kubectl'
    )
    await pf.waitFor(/Forwarding from 127\.0\.0\.1/)
    const r = await curl('http://127.0.0.1:18233/spdy')
    expect(r.code).to.equal(0)
    expect(r.out).to.contain('/spdy')
    await pf.stop()
  })

  it('services/<name>:<port>/proxy reaches the service (kubectl get --raw)', async () => {
    const r = await lab.kubectl([
      'get',
      '--raw',
      '/api/v1/namespaces/default/services/web:http/proxy/through-proxy',
    ])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout).to.contain('/through-proxy')
    const none = await lab.kubectl([
      'get',
      '--raw',
      '/api/v1/namespaces/default/services/nosvc/proxy/',
    ])
    expect(none.stderr).to.contain('services "nosvc" not found')
  })

  it('pods/<name>:<port>/proxy reaches the pod; a port nobody serves gives a 503 Status', async () => {
    const pod = (
      await lab.kubectl([
        'get',
        'pods',
        '-l',
        'app=web',
        '-o',
        'jsonpath={.items[0].metadata.name}',
      ])
    ).stdout
    const r = await lab.kubectl([
      'get',
      '--raw',
      `/api/v1/namespaces/default/pods/${pod}:80/proxy/pod-proxy`,
    ])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout).to.contain('/pod-proxy')
  })

  it('kubectl proxy + curl reaches a service and a node kubelet', async () => {
    const p = background(lab, ['proxy', '--port=18234'])
    await p.waitFor(/Starting to serve on 127\.0\.0\.1:18234/)
    const svc = await curl(
      'http://127.0.0.1:18234/api/v1/namespaces/default/services/web:8000/proxy/via-kubectl-proxy'
    )
    expect(svc.out).to.contain('/via-kubectl-proxy')
    const node = await curl('http://127.0.0.1:18234/api/v1/nodes/onap-mesh-worker/proxy/healthz')
    expect(node.out).to.equal('ok')
    const pods = await curl('http://127.0.0.1:18234/api/v1/nodes/onap-mesh-worker/proxy/pods')
    expect(JSON.parse(pods.out).kind).to.equal('PodList')
    await p.stop()
  })

  it('a plain GET of pods/exec is refused with a Status naming the upgrade it needs', async () => {
    const r = await lab.kubectl([
      'get',
      '--raw',
      '/api/v1/namespaces/default/pods/box/exec?command=ls',
    ])
    expect(r.stderr).to.contain('Upgrade request required')
  })
})
