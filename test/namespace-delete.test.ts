import { expect } from 'chai'
import { startClusterTestLab, type ClusterTestLab } from './support/lab-fixture.js'

const MANIFEST = `apiVersion: v1
kind: Namespace
metadata:
  name: demo
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [ { name: web, image: nginx } ] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: demo }
data: { a: "1" }
`

describe('namespace deletion as on a real cluster', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab

  before(async () => {
    lab = await startClusterTestLab()
  })
  after(async () => lab.stop())

  it('deletes a manifest holding its namespace with kubectl delete -f, exit 0', async () => {
    const f = lab.file('demo.yaml', MANIFEST)
    const a = await lab.kubectl(['apply', '-f', f])
    expect(a.code, a.stderr).to.equal(0)
    await lab.kubectl(['rollout', 'status', '-n', 'demo', 'deployment/web', '--timeout=60s'])
    const d = await lab.kubectl(['delete', '-f', f, '--timeout=60s'])
    expect(d.stderr).to.equal('')
    expect(d.code).to.equal(0)
    expect(d.stdout.trim().split('\n')).to.deep.equal([
      'namespace "demo" deleted',
      'deployment.apps "web" deleted',
      'configmap "settings" deleted',
    ])
    const g = await lab.kubectl(['get', 'namespace', 'demo'])
    expect(g.stderr).to.contain('namespaces "demo" not found')
  })

  it('shows Terminating with the kubernetes finalizer while the namespace empties', async () => {
    await lab.kubectl(['create', 'namespace', 'slow'])
    await lab.kubectl(['create', 'configmap', 'x', '-n', 'slow'])
    const d = await lab.kubectl(['delete', 'namespace', 'slow', '--wait=false'])
    expect(d.code, d.stderr).to.equal(0)
    const ns = JSON.parse((await lab.kubectl(['get', 'namespace', 'slow', '-o', 'json'])).stdout)
    expect(ns.status.phase).to.equal('Terminating')
    expect(ns.spec.finalizers).to.deep.equal(['kubernetes'])
    expect(ns.metadata.deletionTimestamp).to.be.a('string')
    const create = await lab.kubectl(['create', 'configmap', 'y', '-n', 'slow'])
    expect(create.stderr).to.contain(
      'unable to create new content in namespace slow because it is being terminated'
    )
    const w = await lab.kubectl(['wait', '--for=delete', 'namespace/slow', '--timeout=30s'])
    expect(w.code, w.stderr).to.equal(0)
  })
})
