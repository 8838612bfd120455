import { expect } from 'chai'
import {
  startClusterTestLab,
  type ClusterTestLab,
  until as untilMs,
} from './support/lab-fixture.js'

/** Waits at most 30 s: the cluster tests' bound. */
const until = (what: string, fn: () => Promise<boolean>) => untilMs(what, fn, 30_000)

const DEPLOY = (name: string, replicas: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: default}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: web
        image: nginx:1.15
${extra}`

describe('the simulated cluster with real kubectl', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab

  before(async () => {
    lab = await startClusterTestLab()
  })
  after(async () => lab.stop())

  it('lists 1 master and 2 workers Ready with roles, versions and addresses', async () => {
    await until(
      '3 Ready nodes',
      async () =>
        (await lab.kubectl(['get', 'nodes'])).stdout.split('\n').filter((l) => / Ready /.test(l))
          .length === 3
    )
    const r = await lab.kubectl(['get', 'nodes', '-o', 'wide'])
    const lines = r.stdout.trim().split('\n')
    expect(lines[0]).to.match(
      /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME$/
    )
    expect(lines[1]).to.match(
      /^onap-mesh-control-plane\s+Ready\s+master\s+\S+\s+v1\.11\.1\s+127\.0\.10\.104\s+<none>\s+Ubuntu/
    )
    expect(lines[2]).to.match(
      /^onap-mesh-worker\s+Ready\s+<none>\s+\S+\s+v1\.11\.1\s+127\.0\.10\.105\s/
    )
    expect(lines[3]).to.match(
      /^onap-mesh-worker2\s+Ready\s+<none>\s+\S+\s+v1\.11\.1\s+127\.0\.10\.106\s/
    )
  })

  it('runs a Deployment of 3 on the workers only, and rollout status returns', async () => {
    await lab.kubectl(['apply', '-f', lab.file('web.yaml', DEPLOY('web', 3))])
    const r = await lab.kubectl(['rollout', 'status', 'deployment.apps/web', '--timeout=60s'])
    expect(r.stdout).to.contain('successfully rolled out')
    const pods = await lab.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'wide', '--no-headers'])
    const rows = pods.stdout.trim().split('\n')
    expect(rows).to.have.length(3)
    for (const row of rows) {
      expect(row).to.match(/\s1\/1\s+Running\s/)
      expect(row).to.not.contain('control-plane')
    }
  })

  it('shows READY 2/2 for a two-container pod', async () => {
    const two = DEPLOY('two', 1, '      - name: side\n        image: busybox:1.29\n')
    await lab.kubectl(['apply', '-f', lab.file('two.yaml', two)])
    await lab.kubectl(['rollout', 'status', 'deployment.apps/two', '--timeout=60s'])
    const r = await lab.kubectl(['get', 'pods', '-l', 'app=two', '--no-headers'])
    expect(r.stdout).to.match(/\s2\/2\s+Running\s/)
  })

  const pod = (name: string, memory: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: default}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.15\n    resources: {requests: {memory: ${memory}}}\n`
  const schedulingMessage = async (name: string) => {
    let msg = ''
    await until(`FailedScheduling of ${name}`, async () => {
      msg = (
        await lab.kubectl([
          'get',
          'events',
          '--field-selector',
          `involvedObject.name=${name},reason=FailedScheduling`,
          '-o',
          'jsonpath={.items[*].message}',
        ])
      ).stdout
      return msg.length > 0
    })
    return msg
  }

  it('keeps a pod bigger than every node Pending with the 1.11 scheduler’s message', async () => {
    // Kubernetes 1.11 checks resources (GeneralPredicates) before taints, so every node says memory.
    await lab.kubectl(['apply', '-f', lab.file('big.yaml', pod('big', '64Gi'))])
    expect(await schedulingMessage('big')).to.equal(
      '0/3 nodes are available: 3 Insufficient memory.'
    )
    expect((await lab.kubectl(['get', 'pod', 'big', '--no-headers'])).stdout).to.match(
      /\s0\/1\s+Pending\s/
    )
  })

  it('names the master taint and the full workers in one FailedScheduling message', async () => {
    await lab.kubectl([
      'apply',
      '-f',
      lab.file('fill.yaml', pod('fill-a', '12Gi') + '---\n' + pod('fill-b', '12Gi')),
    ])
    await until('fillers bound to both workers', async () => {
      const out = (
        await lab.kubectl([
          'get',
          'pods',
          'fill-a',
          'fill-b',
          '-o',
          'jsonpath={.items[*].spec.nodeName}',
        ])
      ).stdout
      return out.includes('onap-mesh-worker ') || out.includes('onap-mesh-worker2')
    })
    await lab.kubectl(['apply', '-f', lab.file('mid.yaml', pod('mid', '6Gi'))])
    expect(await schedulingMessage('mid')).to.equal(
      "0/3 nodes are available: 1 node(s) had taints that the pod didn't tolerate, 2 Insufficient memory."
    )
    await lab.kubectl(['delete', 'pod', 'big', 'mid', 'fill-a', 'fill-b', '--wait=false'])
  })

  it('runs a DaemonSet that tolerates the master on all 3 nodes', async () => {
    const ds = `apiVersion: extensions/v1beta1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: [{key: node-role.kubernetes.io/master, effect: NoSchedule}]
      containers: [{name: a, image: busybox:1.29}]
`
    await lab.kubectl(['apply', '-f', lab.file('ds.yaml', ds)])
    await until('3 agents ready', async () =>
      /^agent\s+3\s+3\s+3\s/m.test((await lab.kubectl(['get', 'ds', '-n', 'kube-system'])).stdout)
    )
  })

  it('deletes a Deployment with its ReplicaSets and pods', async () => {
    await lab.kubectl(['delete', 'deployment.apps', 'two'])
    await until(
      'pods gone',
      async () =>
        (await lab.kubectl(['get', 'pods,rs', '-l', 'app=two', '--no-headers'])).stdout.trim() ===
        ''
    )
  })

  it('deletes a namespace with everything in it', async () => {
    await lab.kubectl(['create', 'namespace', 'gone'])
    await lab.kubectl([
      'apply',
      '-n',
      'gone',
      '-f',
      lab.file('g.yaml', DEPLOY('g', 1).replace('namespace: default', 'namespace: gone')),
    ])
    await lab.kubectl(['rollout', 'status', '-n', 'gone', 'deployment.apps/g', '--timeout=60s'])
    const r = await lab.kubectl(['delete', 'namespace', 'gone', '--timeout=60s'])
    expect(r.stdout.trim()).to.equal('namespace "gone" deleted')
    expect((await lab.kubectl(['get', 'namespace', 'gone'])).stderr).to.contain('not found')
  })
})

describe('kubeadm join on the simulated machines', function () {
  this.timeout(60_000)
  let lab: ClusterTestLab

  before(async () => {
    lab = await startClusterTestLab({ join: false })
  })
  after(async () => lab.stop())

  const args = (cmd: string) => cmd.split(/\s+/).slice(1)
  const nodeCount = async () =>
    (await lab.kubectl(['get', 'nodes', '--no-headers'])).stdout.trim().split('\n').filter(Boolean)
      .length

  it('refuses a wrong token with kubeadm’s text and registers nothing', async () => {
    const r = await lab.lab.kubeadm.run(
      'onap-mesh-worker',
      args(lab.joinCommand.replace(/--token \S+/, '--token abcdef.0123456789abcdef'))
    )
    expect(r.code).to.equal(1)
    expect(r.stderr).to.contain('token id "abcdef" is invalid for this cluster or it has expired')
    expect(await nodeCount()).to.equal(1)
  })

  it('refuses a CA hash that does not pin the cluster CA', async () => {
    const r = await lab.lab.kubeadm.run(
      'onap-mesh-worker',
      args(lab.joinCommand.replace(/sha256:[0-9a-f]{64}/, `sha256:${'0'.repeat(64)}`))
    )
    expect(r.code).to.equal(1)
    expect(r.stderr).to.contain('not pinned')
    expect(await nodeCount()).to.equal(1)
  })

  it('joins with the printed command', async () => {
    const r = await lab.lab.kubeadm.run('onap-mesh-worker', args(lab.joinCommand))
    expect(r.code, r.stderr).to.equal(0)
    expect(r.stdout).to.contain('This node has joined the cluster')
    await until('2 nodes', async () => (await nodeCount()) === 2)
  })
})
