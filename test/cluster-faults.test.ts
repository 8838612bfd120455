import { expect } from 'chai'
import { join } from 'node:path'
import { ROOT, startClusterTestLab, type ClusterTestLab, until } from './support/lab-fixture.js'

const deploy = (name: string, image: string, replicas = 1, probe = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: default}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: c
        image: ${image}
${probe}`

describe('failure modes of the simulated cluster (fixtures/scenarios/faults.yaml)', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab
  const row = async (app: string) =>
    (await lab.kubectl(['get', 'pods', '-l', `app=${app}`, '--no-headers'])).stdout.trim()

  before(async () => {
    lab = await startClusterTestLab({
      scenario: join(ROOT, 'fixtures', 'scenarios', 'faults.yaml'),
    })
  })
  after(async () => lab.stop())

  it('keeps a pod whose readiness probe fails at 0/1 Running', async () => {
    const probe =
      '        readinessProbe: {httpGet: {path: /ready, port: 8080}, periodSeconds: 5}\n'
    await lab.kubectl([
      'apply',
      '-f',
      lab.file('nr.yaml', deploy('nr', 'lab.local/never-ready:1.0', 1, probe)),
    ])
    await until('Unhealthy event', async () =>
      /Readiness probe failed/.test(
        (
          await lab.kubectl([
            'get',
            'events',
            '--field-selector',
            'reason=Unhealthy',
            '-o',
            'jsonpath={.items[*].message}',
          ])
        ).stdout
      )
    )
    expect(await row('nr')).to.match(/\s0\/1\s+Running\s+0\s/)
  })

  it('brings a crashing container to CrashLoopBackOff with a growing restart count', async () => {
    await lab.kubectl([
      'apply',
      '-f',
      lab.file('crash.yaml', deploy('crash', 'lab.local/crash:1.0')),
    ])
    await until('CrashLoopBackOff', async () => /CrashLoopBackOff/.test(await row('crash')))
    const first = Number(/\s(\d+)\s+\S+$/.exec(await row('crash'))![1])
    await until(
      'more restarts',
      async () => Number(/\s(\d+)\s+\S+$/.exec(await row('crash'))![1]) > first
    )
    expect(first).to.be.greaterThan(0)
  })

  it('reports ErrImagePull then ImagePullBackOff for a missing image', async () => {
    await lab.kubectl([
      'apply',
      '-f',
      lab.file('miss.yaml', deploy('miss', 'lab.local/missing:1.0')),
    ])
    await until('ImagePullBackOff', async () =>
      /\s0\/1\s+ImagePullBackOff\s/.test(await row('miss'))
    )
    const events = (
      await lab.kubectl([
        'get',
        'events',
        '--field-selector',
        'reason=Failed',
        '-o',
        'jsonpath={.items[*].message}',
      ])
    ).stdout
    expect(events).to.contain('lab.local/missing:1.0')
  })

  it('turns a stopped node NotReady and reschedules its pods on the other worker', async () => {
    await lab.kubectl(['apply', '-f', lab.file('spread.yaml', deploy('spread', 'nginx:1.15', 2))])
    await lab.kubectl(['rollout', 'status', 'deployment/spread', '--timeout=60s'])
    const nodes = async () =>
      (
        await lab.kubectl([
          'get',
          'pods',
          '-l',
          'app=spread',
          '-o',
          'jsonpath={.items[*].spec.nodeName}',
        ])
      ).stdout
    const victim = (await nodes()).split(' ')[0]!
    const other = victim === 'onap-mesh-worker' ? 'onap-mesh-worker2' : 'onap-mesh-worker'
    expect(lab.lab.machines.stopNode(victim)).to.equal(true)
    await until(`${victim} NotReady`, async () =>
      new RegExp(`^${victim}\\s+NotReady\\s`, 'm').test(
        (await lab.kubectl(['get', 'nodes', '--no-headers'])).stdout
      )
    )
    // The pods of the lost node stay Terminating (its kubelet cannot confirm), as in Kubernetes;
    // their ReplicaSet replaces them on the node that is left.
    await until('pods rescheduled', async () => {
      const rows = (
        await lab.kubectl(['get', 'pods', '-l', 'app=spread', '-o', 'wide', '--no-headers'])
      ).stdout
        .trim()
        .split('\n')
      return (
        rows.filter((r) => r.includes(` ${other} `) && /\s1\/1\s+Running\s/.test(r)).length === 2
      )
    })
    const lost = (
      await lab.kubectl(['get', 'pods', '-l', 'app=spread', '-o', 'wide', '--no-headers'])
    ).stdout
    expect(lost).to.match(new RegExp(`\\s(Terminating|Unknown)\\s.*\\s${victim}\\s`))
    const taints = await lab.kubectl([
      'get',
      'node',
      victim,
      '-o',
      'jsonpath={.spec.taints[*].key}',
    ])
    expect(taints.stdout).to.contain('node.kubernetes.io/unreachable')
  })
})
