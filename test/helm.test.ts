import { expect } from 'chai'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { KubeObject } from '../src/api/types.js'
import { startTestLab, type TestLab } from './support/lab-fixture.js'

const CHART = {
  'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: "1.0"\n',
  'values.yaml': 'replicaCount: 1\nimage: nginx:1.15\n',
  'templates/sa.yaml':
    'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {{ .Release.Name }}-demo\n',
  'templates/svc.yaml':
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}-demo\nspec:\n  selector: {app: {{ .Release.Name }}-demo}\n  ports:\n  - port: 80\n',
  'templates/deploy.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-demo
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels: {app: {{ .Release.Name }}-demo}
  template:
    metadata:
      labels: {app: {{ .Release.Name }}-demo}
    spec:
      serviceAccountName: {{ .Release.Name }}-demo
      containers:
      - name: web
        image: {{ .Values.image }}
`,
}

const DEPLOY = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }

describe('helm 4 against the sim', function () {
  this.timeout(90_000)
  let lab: TestLab
  let chart: string

  before(async () => {
    lab = await startTestLab()
    chart = join(lab.dir, 'demo')
    for (const [p, text] of Object.entries(CHART)) {
      mkdirSync(join(chart, p, '..'), { recursive: true })
      writeFileSync(join(chart, p), text)
    }
    await lab.kubectl(['create', 'namespace', 'onap'])
  })
  after(async () => lab.stop())

  it('installs with server-side apply (helm 4 default)', async () => {
    const r = await lab.helm(['install', 'demo', chart, '--namespace', 'onap'])
    expect(r.stderr).to.equal('')
    expect(r.stdout).to.contain('STATUS: deployed')
    const d = await lab.kubectl([
      'get',
      'deploy',
      'demo-demo',
      '-n',
      'onap',
      '-o',
      'jsonpath={.metadata.managedFields[0].manager} {.metadata.labels.app\\.kubernetes\\.io/managed-by}',
    ])
    expect(d.stdout).to.equal('helm Helm')
  })

  it('installs with --server-side=false (POST)', async () => {
    const r = await lab.helm([
      'install',
      'csa',
      chart,
      '--namespace',
      'onap',
      '--server-side=false',
    ])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout).to.contain('STATUS: deployed')
  })

  it('lists releases across namespaces and shows status', async () => {
    const l = await lab.helm(['list', '-A'])
    expect(l.stdout).to.match(/^csa\s+onap\s+1\s+.*deployed\s+demo-0\.1\.0\s+1\.0/m)
    expect(l.stdout).to.match(/^demo\s+onap\s+1\s+.*deployed\s+demo-0\.1\.0\s+1\.0/m)
    const s = await lab.helm(['status', 'demo', '-n', 'onap'])
    expect(s.code, s.stderr).to.equal(0)
    expect(s.stdout).to.contain('STATUS: deployed')
  })

  it('upgrades (revision 2) and uninstalls', async () => {
    const u = await lab.helm([
      'upgrade',
      'demo',
      chart,
      '--namespace',
      'onap',
      '--set',
      'replicaCount=2',
    ])
    expect(u.code, u.stderr).to.equal(0)
    expect(u.stdout).to.contain('REVISION: 2')
    const d = await lab.kubectl([
      'get',
      'deploy',
      'demo-demo',
      '-n',
      'onap',
      '-o',
      'jsonpath={.spec.replicas}',
    ])
    expect(d.stdout).to.equal('2')
    const x = await lab.helm(['uninstall', 'csa', '-n', 'onap'])
    expect(x.stdout).to.contain('release "csa" uninstalled')
    const g = await lab.kubectl(['get', 'deploy', 'csa-demo', '-n', 'onap'])
    expect(g.stderr).to.contain('not found')
    const secrets = await lab.kubectl([
      'get',
      'secrets',
      '-n',
      'onap',
      '-l',
      'owner=helm,name=csa',
      '-o',
      'name',
    ])
    expect(secrets.stdout.trim()).to.equal('')
  })

  it('install --wait returns once the test completes the Deployment status (WatchList)', async () => {
    const client = lab.cluster.client('test')
    const installing = lab.helm([
      'install',
      'waited',
      chart,
      '--namespace',
      'onap',
      '--wait',
      '--timeout',
      '60s',
    ])
    let dep: KubeObject | undefined
    for (let i = 0; i < 200 && !dep; i++) {
      dep = await client.get(DEPLOY, 'waited-demo', 'onap').catch(() => undefined)
      if (!dep) await new Promise((r) => setTimeout(r, 50))
    }
    expect(dep, 'helm created the Deployment').to.not.equal(undefined)
    dep!.status = {
      observedGeneration: dep!.metadata.generation,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: [
        { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    }
    await client.update(DEPLOY, dep!, { subresource: 'status' })
    const r = await installing
    expect(r.code, r.stderr + r.stdout).to.equal(0)
    expect(r.stdout).to.contain('STATUS: deployed')
  })

  it('fails install --wait with helm’s timeout when the Deployment never becomes ready', async () => {
    const r = await lab.helm([
      'install',
      'stuck',
      chart,
      '--namespace',
      'onap',
      '--wait',
      '--timeout',
      '3s',
    ])
    expect(r.code).to.not.equal(0)
    expect(r.stderr).to.contain('INSTALLATION FAILED')
  })

  it('refuses to install into a missing namespace with the server’s message', async () => {
    const r = await lab.helm(['install', 'nons', chart, '--namespace', 'nowhere'])
    expect(r.code).to.not.equal(0)
    expect(r.stderr).to.contain('namespaces "nowhere" not found')
  })
})
