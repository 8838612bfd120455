import { expect } from 'chai'
import { existsSync } from 'node:fs'
import {
  run,
  startClusterTestLab,
  until,
  type ClusterTestLab,
  type RunResult,
} from './support/lab-fixture.js'

// kubectl 1.20 (Debian's kubernetes-client, extracted with dpkg -x so it replaces no other
// kubectl): it reads /openapi/v2 in gnostic's protobuf form for explain and client-side validation.
const KUBECTL_120 = '/opt/kubectl-1.20/usr/bin/kubectl'

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 1
  selector:
    matchLabels: { app: web }
  strategy:
    type: RollingUpdate
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx:1.15
`

describe('kubectl 1.20 against the sim', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab
  let k120: (args: string[]) => Promise<RunResult>

  before(async function () {
    if (!existsSync(KUBECTL_120)) {
      console.log(
        `    (skipped: ${KUBECTL_120} is absent; extract Debian's kubernetes-client there)`
      )
      this.skip()
    }
    // The profile's time factor: timestamps are wall-clock time whatever the factor.
    lab = await startClusterTestLab()
    const env = { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: lab.kubeconfig }
    k120 = (args) => run(KUBECTL_120, args, env)
  })
  after(async () => lab?.stop())

  it('reads /openapi/v2 as protobuf and explains pods.spec.containers with their fields and types', async () => {
    const r = await k120(['explain', 'pods.spec.containers', '-v=8'])
    expect(r.code, r.stderr.slice(-500)).to.equal(0)
    expect(r.stderr).to.match(
      /Accept: application\/com\.github\.proto-openapi\.spec\.v2@v1\.0\+protobuf/
    )
    expect(r.stdout).to.match(/^KIND:\s+Pod$/m)
    expect(r.stdout).to.match(/^RESOURCE: containers <\[\]Object>$/m)
    expect(r.stdout).to.match(/^ {3}image\t<string>$/m)
    expect(r.stdout).to.match(/^ {3}livenessProbe\t<Object>$/m)
    // 1.11's Container has no startupProbe (1.16); the schema is the profile's.
    expect(r.stdout).to.not.contain('startupProbe')
  })

  it('explains deployment.spec.strategy', async () => {
    const r = await k120(['explain', 'deployment.spec.strategy'])
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout).to.match(/^RESOURCE: strategy <Object>$/m)
    expect(r.stdout).to.match(/^ {3}rollingUpdate\t<Object>$/m)
    expect(r.stdout).to.match(/^ {3}type\t<string>$/m)
  })

  it('refuses to explain a field the schema does not have', async () => {
    const r = await k120(['explain', 'pods.spec.nosuchfield'])
    expect(r.code).to.not.equal(0)
    expect(r.stderr).to.contain('field "nosuchfield" does not exist')
  })

  it('applies a Deployment (client-side validation against /openapi/v2) and gets it', async () => {
    const f = lab.file('web.yaml', DEPLOYMENT)
    const a = await k120(['apply', '-f', f])
    expect(a.stderr).to.equal('')
    expect(a.stdout.trim()).to.equal('deployment.apps/web created')
    await until('web to be available', async () => {
      const g = await k120(['get', 'deployment', 'web', '--no-headers'])
      return /^web\s+1\/1\s+1\s+1\s+\S+$/m.test(g.stdout)
    })
    const again = await k120(['apply', '-f', f])
    expect(again.stdout.trim()).to.equal('deployment.apps/web unchanged')
  })

  it('rejects an unknown field on the client, as kubectl 1.20 does with a real schema', async () => {
    const bad = DEPLOYMENT.replace('replicas: 1', 'replicas: 1\n  replicaz: 2')
    const r = await k120(['apply', '-f', lab.file('bad.yaml', bad)])
    expect(r.code).to.not.equal(0)
    expect(r.stderr).to.contain('unknown field "replicaz"')
  })

  it('gets pods and describes one with real ages (never <invalid>)', async () => {
    const g = await k120(['get', 'pods', '-l', 'app=web', '--no-headers'])
    expect(g.stdout).to.match(/^web-\S+\s+1\/1\s+Running\s+0\s+\d+s$/m)
    const name = g.stdout.trim().split(/\s+/)[0]!
    const d = await k120(['describe', 'pod', name])
    expect(d.code, d.stderr).to.equal(0)
    expect(d.stdout).to.match(/^Status:\s+Running$/m)
    expect(d.stdout).to.match(/^Events:/m)
    expect(d.stdout).to.match(/Normal\s+Scheduled\s+\d+s\s/)
    expect(d.stdout).to.not.contain('<invalid>')
  })
})
