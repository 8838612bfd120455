import { expect } from 'chai'
import { startTestLab, type TestLab } from './support/lab-fixture.js'

// kubectl sends every typed create as a protobuf body (application/vnd.kubernetes.protobuf);
// each command below only works when the server decodes that kind's protobuf form.

const NODE_AND_POD = `apiVersion: v1
kind: Node
metadata:
  name: n1
---
apiVersion: v1
kind: Pod
metadata:
  name: p1
  namespace: onap
spec:
  nodeName: n1
  containers:
  - name: c
    image: nginx
`

async function ok(lab: TestLab, args: string[]): Promise<string> {
  const r = await lab.kubectl(args)
  expect(r.stderr, `kubectl ${args.join(' ')}`).to.equal('')
  expect(r.code, `kubectl ${args.join(' ')}`).to.equal(0)
  return r.stdout.trim()
}

/** A JSON value read back from `kubectl get -o json`, indexed freely by the assertions. */
type Json = { [key: string]: Json } & { [index: number]: Json }

async function getJson(lab: TestLab, args: string[]): Promise<Json> {
  return JSON.parse(await ok(lab, ['get', ...args, '-o', 'json'])) as Json
}

describe('kubectl 1.33 create (protobuf bodies) on the 1.11 profile', function () {
  this.timeout(90_000)
  let lab: TestLab

  before(async () => {
    lab = await startTestLab()
    await ok(lab, ['create', 'namespace', 'onap'])
  })
  after(async () => lab.stop())

  it('creates the tiller ClusterRoleBinding of the ONAP guides', async () => {
    await ok(lab, ['create', 'serviceaccount', 'tiller', '-n', 'kube-system'])
    const out = await ok(lab, [
      'create',
      'clusterrolebinding',
      'tiller',
      '--clusterrole=cluster-admin',
      '--serviceaccount=kube-system:tiller',
    ])
    expect(out).to.equal('clusterrolebinding.rbac.authorization.k8s.io/tiller created')
    const crb = await getJson(lab, ['clusterrolebinding', 'tiller'])
    expect(crb['roleRef']).to.deep.equal({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: 'cluster-admin',
    })
    expect(crb['subjects']).to.deep.equal([
      { kind: 'ServiceAccount', name: 'tiller', namespace: 'kube-system' },
    ])
  })

  it('creates a Role, a RoleBinding and a ClusterRole', async () => {
    await ok(lab, [
      'create',
      'role',
      'pod-reader',
      '--verb=get,list',
      '--resource=pods',
      '-n',
      'onap',
    ])
    const role = await getJson(lab, ['role', 'pod-reader', '-n', 'onap'])
    expect(role['rules']).to.deep.equal([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'] },
    ])
    await ok(lab, [
      'create',
      'rolebinding',
      'rb',
      '--role=pod-reader',
      '--serviceaccount=onap:default',
      '-n',
      'onap',
    ])
    const rb = await getJson(lab, ['rolebinding', 'rb', '-n', 'onap'])
    expect(rb['roleRef']['name']).to.equal('pod-reader')
    expect(rb['subjects'][0]).to.deep.equal({
      kind: 'ServiceAccount',
      name: 'default',
      namespace: 'onap',
    })
    await ok(lab, ['create', 'clusterrole', 'node-getter', '--verb=get', '--resource=nodes'])
    const cr = await getJson(lab, ['clusterrole', 'node-getter'])
    expect(cr['rules'][0]['resources']).to.deep.equal(['nodes'])
  })

  it('creates ClusterIP and NodePort services', async () => {
    await ok(lab, ['create', 'service', 'clusterip', 'cs', '--tcp=5678:8080', '-n', 'onap'])
    const cs = await getJson(lab, ['service', 'cs', '-n', 'onap'])
    expect(cs['spec']['type']).to.equal('ClusterIP')
    expect(cs['spec']['selector']).to.deep.equal({ app: 'cs' })
    expect(cs['spec']['ports'][0]).to.include({ port: 5678, targetPort: 8080, protocol: 'TCP' })
    await ok(lab, [
      'create',
      'service',
      'nodeport',
      'nps',
      '--tcp=5678:8080',
      '--node-port=30123',
      '-n',
      'onap',
    ])
    const nps = await getJson(lab, ['service', 'nps', '-n', 'onap'])
    expect(nps['spec']['type']).to.equal('NodePort')
    expect(nps['spec']['ports'][0]['nodePort']).to.equal(30123)
  })

  it('creates a Job and a ResourceQuota', async () => {
    await ok(lab, ['create', 'job', 'j1', '--image=busybox', '-n', 'onap', '--', 'date'])
    const job = await getJson(lab, ['job', 'j1', '-n', 'onap'])
    const pod = job['spec']['template']['spec']
    expect(pod['containers'][0]).to.include({ name: 'j1', image: 'busybox' })
    expect(pod['containers'][0]['command']).to.deep.equal(['date'])
    expect(pod['restartPolicy']).to.equal('Never')
    await ok(lab, ['create', 'quota', 'q1', '--hard=pods=10,cpu=2', '-n', 'onap'])
    const quota = await getJson(lab, ['resourcequota', 'q1', '-n', 'onap'])
    expect(quota['spec']['hard']).to.deep.equal({ pods: '10', cpu: '2' })
  })

  it('autoscales and exposes a Deployment', async () => {
    await ok(lab, ['create', 'deployment', 'web', '--image=nginx', '-n', 'onap'])
    const a = await ok(lab, ['autoscale', 'deployment', 'web', '--min=1', '--max=3', '-n', 'onap'])
    expect(a).to.equal('horizontalpodautoscaler.autoscaling/web autoscaled')
    const hpa = await getJson(lab, ['hpa', 'web', '-n', 'onap'])
    expect(hpa['spec']).to.include({ minReplicas: 1, maxReplicas: 3 })
    expect(hpa['spec']['scaleTargetRef']).to.include({ kind: 'Deployment', name: 'web' })
    expect(await ok(lab, ['expose', 'deployment', 'web', '--port=80', '-n', 'onap'])).to.equal(
      'service/web exposed'
    )
    const svc = await getJson(lab, ['service', 'web', '-n', 'onap'])
    expect(svc['spec']['selector']).to.deep.equal({ app: 'web' })
    expect(svc['spec']['ports'][0]['port']).to.equal(80)
  })

  it('drains a node through the eviction subresource (policy/v1beta1 Eviction)', async () => {
    await ok(lab, ['apply', '-f', lab.file('node.yaml', NODE_AND_POD)])
    const r = await lab.kubectl(['drain', 'n1', '--force', '--timeout=3s', '-v=6'])
    expect(r.stdout).to.contain('node/n1 cordoned')
    expect(r.stdout).to.contain('pod/p1 eviction started')
    expect(r.stderr).to.match(/verb="POST" url="[^"]+\/pods\/p1\/eviction" status="201 Created"/)
    // No kubelet runs on n1, so the evicted pod stays Terminating as on a real cluster.
    const pod = await getJson(lab, ['pod', 'p1', '-n', 'onap'])
    expect(pod['metadata']['deletionTimestamp']).to.be.a('string')
  })

  it('answers 404, not 415, for kinds this version does not serve (batch/v1 CronJob)', async () => {
    const r = await lab.kubectl([
      'create',
      'cronjob',
      'cj',
      '--image=busybox',
      '--schedule=* * * * *',
    ])
    expect(r.code).to.equal(1)
    expect(r.stderr).to.contain('the server could not find the requested resource')
  })
})

describe('kubectl 1.33 create (protobuf bodies) on the 1.25 profile', function () {
  this.timeout(90_000)
  let lab: TestLab

  before(async () => {
    lab = await startTestLab({ kubernetesVersion: '1.25.0' })
    await ok(lab, ['create', 'namespace', 'onap'])
  })
  after(async () => lab.stop())

  it('creates a CronJob, a PriorityClass and a PodDisruptionBudget', async () => {
    await ok(lab, [
      'create',
      'cronjob',
      'cj',
      '--image=busybox',
      '--schedule=*/5 * * * *',
      '-n',
      'onap',
    ])
    const cj = await getJson(lab, ['cronjob', 'cj', '-n', 'onap'])
    expect(cj['spec']['schedule']).to.equal('*/5 * * * *')
    expect(
      cj['spec']['jobTemplate']['spec']['template']['spec']['containers'][0]['image']
    ).to.equal('busybox')
    await ok(lab, ['create', 'priorityclass', 'high', '--value=1000', '--description=d'])
    const pc = await getJson(lab, ['priorityclass', 'high'])
    expect(pc).to.include({ value: 1000, description: 'd' })
    await ok(lab, [
      'create',
      'poddisruptionbudget',
      'pdb',
      '--selector=app=web',
      '--min-available=1',
      '-n',
      'onap',
    ])
    const pdb = await getJson(lab, ['pdb', 'pdb', '-n', 'onap'])
    expect(pdb['spec']['minAvailable']).to.equal(1)
    expect(pdb['spec']['selector']).to.deep.equal({ matchLabels: { app: 'web' } })
  })

  it('drains through policy/v1 Eviction', async () => {
    await ok(lab, ['apply', '-f', lab.file('node.yaml', NODE_AND_POD)])
    const r = await lab.kubectl(['drain', 'n1', '--force', '--timeout=3s', '-v=6'])
    expect(r.stdout).to.contain('pod/p1 eviction started')
    expect(r.stderr).to.match(/\/pods\/p1\/eviction" status="201 Created"/)
  })
})
