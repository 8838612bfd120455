import { expect } from 'chai'
import { startTestLab, type TestLab } from './support/lab-fixture.js'

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: onap
spec:
  replicas: 1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx:1.15
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: onap
spec:
  type: NodePort
  selector: { app: web }
  ports:
  - port: 80
    nodePort: 30280
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  namespace: onap
data:
  a: "1"
`

describe('kubectl writes against the sim', function () {
  this.timeout(60_000)
  let lab: TestLab

  before(async () => {
    lab = await startTestLab()
  })
  after(async () => lab.stop())

  it('creates a namespace (protobuf body) and labels it', async () => {
    const c = await lab.kubectl(['create', 'namespace', 'onap'])
    expect(c.stderr).to.equal('')
    expect(c.stdout.trim()).to.equal('namespace/onap created')
    const l = await lab.kubectl(['label', 'namespace', 'onap', 'istio-injection=enabled'])
    expect(l.stdout.trim()).to.equal('namespace/onap labeled')
  })

  it('prints the label column of kubectl get namespace -L istio-injection', async () => {
    const r = await lab.kubectl(['get', 'namespace', '-L', 'istio-injection'])
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).to.match(/^NAME\s+STATUS\s+AGE\s+ISTIO-INJECTION$/)
    expect(lines.find((l) => l.startsWith('onap '))).to.match(/^onap\s+Active\s+\S+\s+enabled$/)
    expect(lines.find((l) => l.startsWith('default '))).to.match(/^default\s+Active\s+\S+\s*$/)
  })

  it('refuses a duplicate namespace with AlreadyExists', async () => {
    const r = await lab.kubectl(['create', 'namespace', 'onap'])
    expect(r.code).to.not.equal(0)
    expect(r.stderr).to.contain(
      'Error from server (AlreadyExists): namespaces "onap" already exists'
    )
  })

  it('applies a multi-document manifest (client-side), then unchanged, then configured', async () => {
    const f = lab.file('app.yaml', APP)
    const first = await lab.kubectl(['apply', '-f', f])
    expect(first.stderr).to.equal('')
    expect(first.stdout.trim().split('\n')).to.deep.equal([
      'deployment.apps/web created',
      'service/web created',
      'configmap/web-config created',
    ])
    const again = await lab.kubectl(['apply', '-f', f])
    expect(again.stdout.trim().split('\n')).to.deep.equal([
      'deployment.apps/web unchanged',
      'service/web unchanged',
      'configmap/web-config unchanged',
    ])
    const changed = await lab.kubectl([
      'apply',
      '-f',
      lab.file('app2.yaml', APP.replace('replicas: 1', 'replicas: 2')),
    ])
    expect(changed.stdout.trim().split('\n')).to.deep.equal([
      'deployment.apps/web configured',
      'service/web unchanged',
      'configmap/web-config unchanged',
    ])
    const r = await lab.kubectl([
      'get',
      'deployment',
      'web',
      '-n',
      'onap',
      '-o',
      'jsonpath={.spec.replicas} {.metadata.generation}',
    ])
    expect(r.stdout).to.equal('2 2')
  })

  it('applies server-side, creating and then updating', async () => {
    const doc = APP.replace(/name: web/g, 'name: ssa').replace('nodePort: 30280', 'nodePort: 30281')
    const r = await lab.kubectl(['apply', '--server-side', '-f', lab.file('ssa.yaml', doc)])
    expect(r.stderr).to.equal('')
    expect(r.stdout.trim().split('\n')).to.deep.equal([
      'deployment.apps/ssa serverside-applied',
      'service/ssa serverside-applied',
      'configmap/ssa-config serverside-applied',
    ])
    const again = await lab.kubectl([
      'apply',
      '--server-side',
      '-f',
      lab.file('ssa2.yaml', doc.replace('a: "1"', 'a: "2"')),
    ])
    expect(again.code).to.equal(0)
    const cm = await lab.kubectl([
      'get',
      'configmap',
      'ssa-config',
      '-n',
      'onap',
      '-o',
      'jsonpath={.data.a} {.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation}',
    ])
    expect(cm.stdout).to.equal('2 kubectl Apply')
  })

  it('refuses a NodePort that is taken, naming the port', async () => {
    const doc = APP.split('---')[1]!.replace('name: web', 'name: web-dup')
    const r = await lab.kubectl(['apply', '-f', lab.file('dup.yaml', doc)])
    expect(r.code).to.not.equal(0)
    expect(r.stderr).to.contain(
      'spec.ports[0].nodePort: Invalid value: 30280: provided port is already allocated'
    )
  })

  it('applies a kind: List document (as Istio 1.0 manifests carry them)', async () => {
    const list = `apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: l1, namespace: onap}, data: {a: "1"}}
- {apiVersion: v1, kind: ServiceAccount, metadata: {name: l2, namespace: onap}}
`
    const r = await lab.kubectl(['apply', '-f', lab.file('list.yaml', list)])
    expect(r.stderr).to.equal('')
    expect(r.stdout.trim().split('\n')).to.deep.equal([
      'configmap/l1 created',
      'serviceaccount/l2 created',
    ])
  })

  it('scales through the scale subresource', async () => {
    const r = await lab.kubectl(['scale', 'deployment', 'web', '-n', 'onap', '--replicas=3'])
    // On 1.11, /apis lists extensions before apps, so `deployment` resolves to extensions/v1beta1
    // as it did for kubectl against a real 1.11 server.
    expect(r.stdout.trim()).to.equal('deployment.extensions/web scaled')
    const apps = await lab.kubectl([
      'scale',
      'deployment.apps',
      'web',
      '-n',
      'onap',
      '--replicas=3',
    ])
    expect(apps.stdout.trim()).to.equal('deployment.apps/web scaled')
    const g = await lab.kubectl([
      'get',
      'deploy',
      'web',
      '-n',
      'onap',
      '-o',
      'jsonpath={.spec.replicas}',
    ])
    expect(g.stdout).to.equal('3')
  })

  it('patches with each patch type', async () => {
    const m = await lab.kubectl([
      'patch',
      'configmap',
      'web-config',
      '-n',
      'onap',
      '--type=merge',
      '-p',
      '{"data":{"b":"2"}}',
    ])
    expect(m.stdout.trim()).to.equal('configmap/web-config patched')
    const j = await lab.kubectl([
      'patch',
      'configmap',
      'web-config',
      '-n',
      'onap',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/data/a","value":"9"}]',
    ])
    expect(j.stdout.trim()).to.equal('configmap/web-config patched')
    const s = await lab.kubectl([
      'patch',
      'deployment',
      'web',
      '-n',
      'onap',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.16"}]}}}}',
    ])
    expect(s.stdout.trim()).to.equal('deployment.extensions/web patched')
    const cm = await lab.kubectl([
      'get',
      'cm',
      'web-config',
      '-n',
      'onap',
      '-o',
      'jsonpath={.data.a}{.data.b}',
    ])
    expect(cm.stdout).to.equal('92')
    const d = await lab.kubectl([
      'get',
      'deploy',
      'web',
      '-n',
      'onap',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].ports[0].containerPort}',
    ])
    expect(d.stdout).to.equal('nginx:1.16 80')
    const set = await lab.kubectl([
      'set',
      'image',
      'deployment/web',
      '-n',
      'onap',
      'web=nginx:1.17',
    ])
    expect(set.code, set.stderr).to.equal(0)
    const bad = await lab.kubectl([
      'patch',
      'configmap',
      'web-config',
      '-n',
      'onap',
      '--type=json',
      '-p',
      '[{"op":"test","path":"/data/a","value":"nope"}]',
    ])
    expect(bad.code).to.not.equal(0)
  })

  it('creates a pod, sets its status through the status subresource and kubectl wait sees it Ready', async () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p1, namespace: onap, labels: {app: p}}\nspec:\n  containers: [{name: c, image: busybox}]\n`
    expect((await lab.kubectl(['apply', '-f', lab.file('pod.yaml', pod)])).stdout.trim()).to.equal(
      'pod/p1 created'
    )
    const waiting = lab.kubectl([
      'wait',
      '--for=condition=Ready',
      'pod/p1',
      '-n',
      'onap',
      '--timeout=30s',
    ])
    await new Promise((r) => setTimeout(r, 300))
    const client = lab.cluster.client('test')
    const ref = { apiVersion: 'v1', resource: 'pods', namespaced: true }
    const live = await client.get(ref, 'p1', 'onap')
    live.status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }
    await client.update(ref, live, { subresource: 'status' })
    const w = await waiting
    expect(w.stdout.trim()).to.equal('pod/p1 condition met')
  })

  it('lists kubectl get all -n onap with kind prefixes', async () => {
    const r = await lab.kubectl(['get', 'all', '-n', 'onap'])
    expect(r.stderr).to.equal('')
    expect(r.stdout).to.match(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\npod\/p1\s+0\/1\s+Running\s+0\s+\S+/m
    )
    expect(r.stdout).to.match(
      /^service\/web\s+NodePort\s+10\.\d+\.\d+\.\d+\s+<none>\s+80:30280\/TCP\s+/m
    )
    expect(r.stdout).to.match(/^deployment\.apps\/web\s+0\/3\s+0\s+0\s+/m)
    expect(r.stdout).to.not.contain('deployment.extensions')
  })

  it('deletes and the object is gone', async () => {
    const r = await lab.kubectl(['delete', 'configmap', 'web-config', '-n', 'onap'])
    expect(r.stdout.trim()).to.equal('configmap "web-config" deleted')
    const g = await lab.kubectl(['get', 'configmap', 'web-config', '-n', 'onap'])
    expect(g.code).to.not.equal(0)
    expect(g.stderr).to.contain('Error from server (NotFound): configmaps "web-config" not found')
  })

  it('answers kubectl auth can-i (protobuf SelfSubjectAccessReview)', async () => {
    const r = await lab.kubectl(['auth', 'can-i', 'create', 'pods', '-n', 'onap'])
    expect(r.stdout.trim()).to.equal('yes')
  })
})
