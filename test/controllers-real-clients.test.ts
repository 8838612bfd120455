import { expect } from 'chai'
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Refs } from '../src/client/index.js'
import {
  createNamespace,
  listIn,
  markPods,
  startTestCluster,
  waitFor,
  type TestCluster,
} from '../src/testing/controllers/controller-helpers.js'

const BIN = resolve(import.meta.dirname, '..', '.clients', 'bin')

function run(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv
): Promise<{ code: number; out: string }> {
  return new Promise((done) => {
    execFile(join(BIN, bin), args, { env, timeout: 30_000 }, (err, stdout, stderr) => {
      done({
        code: err ? Number((err as { code?: unknown }).code) || 1 : 0,
        out: `${stdout}${stderr}`,
      })
    })
  })
}

const CHART = {
  'Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
  'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}
spec:
  replicas: 2
  selector:
    matchLabels: { app: {{ .Release.Name }} }
  template:
    metadata:
      labels: { app: {{ .Release.Name }} }
    spec:
      containers:
        - name: web
          image: nginx:1.15
`,
}

describe('controllers with the real kubectl and helm', function () {
  let t: TestCluster
  let dir: string
  let env: NodeJS.ProcessEnv
  before(async function () {
    if (!existsSync(join(BIN, 'kubectl'))) return this.skip()
    t = await startTestCluster({ controllers: ['deployment', 'replicaset'] })
    await createNamespace(t.client, 'rc')
    dir = mkdtempSync(join(tmpdir(), 'controllers-clients-'))
    writeFileSync(join(dir, 'kubeconfig'), t.cluster.kubeconfig(), { mode: 0o600 })
    env = {
      PATH: process.env.PATH,
      HOME: dir,
      KUBECONFIG: join(dir, 'kubeconfig'),
      HELM_CACHE_HOME: join(dir, 'c'),
      HELM_CONFIG_HOME: join(dir, 'g'),
      HELM_DATA_HOME: join(dir, 'd'),
    }
  })
  after(async () => {
    await t?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('kubectl rollout status returns once the pods are ready', async () => {
    await t.client.create(Refs.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'rc' },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'c', image: 'nginx' }] },
        },
      },
    })
    const early = await run(
      'kubectl',
      ['rollout', 'status', 'deployment/web', '-n', 'rc', '--timeout=1s'],
      env
    )
    expect(early.code).to.not.equal(0)
    const status = run(
      'kubectl',
      ['rollout', 'status', 'deployment/web', '-n', 'rc', '--timeout=20s'],
      env
    )
    await waitFor(
      'pods',
      async () => (await listIn(t.client, Refs.pods, 'rc', 'app=web')).length === 2
    )
    await markPods(t.client, 'rc', 'app=web')
    const r = await status
    expect(r.out).to.contain('deployment "web" successfully rolled out')
    expect(r.code).to.equal(0)
  })

  it('helm install --wait (kstatus) succeeds once the pods are ready', async () => {
    const chart = join(dir, 'chart')
    mkdirSync(join(chart, 'templates'), { recursive: true })
    for (const [f, text] of Object.entries(CHART)) writeFileSync(join(chart, f), text)
    const install = run(
      'helm',
      ['install', 'demo', chart, '--namespace', 'rc', '--wait', '--timeout', '20s'],
      env
    )
    await waitFor(
      'pods',
      async () => (await listIn(t.client, Refs.pods, 'rc', 'app=demo')).length === 2,
      15_000
    )
    await markPods(t.client, 'rc', 'app=demo')
    const r = await install
    expect(r.out).to.contain('STATUS: deployed')
    expect(r.code).to.equal(0)
  })
})
