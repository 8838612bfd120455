import { expect } from 'chai'
import { existsSync } from 'node:fs'
import type { KubeObject } from '../src/api/types.js'
import type { ResourceRef } from '../src/client/index.js'
import {
  run,
  startClusterTestLab,
  until,
  type ClusterTestLab,
  type RunResult,
} from './support/lab-fixture.js'

type Obj = KubeObject & Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const KUBECTL_120 = '/opt/kubectl-1.20/usr/bin/kubectl'
const PODS: ResourceRef = { apiVersion: 'v1', resource: 'pods', namespaced: true }
const SECRETS: ResourceRef = { apiVersion: 'v1', resource: 'secrets', namespaced: true }

// A 30 s readiness delay: an emulated wait, shortened by the profile's time factor.
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: clock, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: clock}}
  template:
    metadata: {labels: {app: clock}}
    spec:
      containers:
      - name: web
        image: nginx:1.15
        readinessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: 30, periodSeconds: 10}
`

/** An Event about `pod` whose timestamps lie `offsetSeconds` from now (kubectl's view of its age). */
const eventAt = (pod: string, uid: string, offsetSeconds: number) => {
  const t = new Date(Date.now() + offsetSeconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${pod}.offset${offsetSeconds < 0 ? 'm' : 'p'}${Math.abs(offsetSeconds)}`,
      namespace: 'default',
    },
    involvedObject: { kind: 'Pod', name: pod, namespace: 'default', uid, apiVersion: 'v1' },
    reason: 'ClockTest',
    message: `written ${offsetSeconds} s from now`,
    type: 'Normal',
    count: 1,
    firstTimestamp: t,
    lastTimestamp: t,
    source: { component: 'clock-test' },
  })
}

/** Returns the AGE column of `name`'s row in a `kubectl get` table. */
function ageOf(table: string, name: string): string {
  const [head = '', ...rows] = table.trim().split('\n')
  const col = head.indexOf('AGE')
  const row = rows.find((r) => r.startsWith(`${name} `))
  expect(row, `no row ${name} in\n${table}`).to.not.equal(undefined)
  return row!.slice(col).trim().split(/\s+/)[0]!
}

describe('wall-clock timestamps at the profile time factor', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab
  let pod: Obj
  let createdAt: number

  before(async () => {
    // The profile's time factor (0.01): emulated waits run 100× fast.
    lab = await startClusterTestLab()
    createdAt = Date.now()
    expect((await lab.kubectl(['apply', '-f', '-'], DEPLOYMENT)).code).to.equal(0)
    const c = lab.lab.cluster.client('test')
    await until(
      'the clock pod Ready',
      async () => {
        const p = (await c.list<Obj>(PODS, { namespace: 'default' })).items.find((x) =>
          x.metadata.name?.startsWith('clock-')
        )
        if (p?.status?.conditions?.some((x: Obj) => x.type === 'Ready' && x.status === 'True'))
          pod = p
        return pod !== undefined
      },
      20_000
    )
    // A few real seconds pass: ages must read seconds, not minutes.
    await new Promise((r) => setTimeout(r, Math.max(0, 3_000 - (Date.now() - createdAt))))
  })
  after(async () => lab?.stop())

  it('stamps creation, conditions, container states and the bootstrap token with the wall clock', async () => {
    // 30 simulated seconds of readiness delay took well under 30 real ones.
    expect(Date.now() - createdAt).to.be.below(20_000)
    const near = (t: string | undefined, what: string) =>
      expect(Math.abs(Date.parse(t ?? '') - Date.now()), `${what} ${t}`).to.be.below(15_000)
    near(pod.metadata.creationTimestamp, 'creationTimestamp')
    for (const c of pod.status.conditions) near(c.lastTransitionTime, `condition ${c.type}`)
    near(pod.status.containerStatuses[0].state.running.startedAt, 'startedAt')
    // The Ready condition came after the 30 s delay in simulated time, but < 15 real s later.
    const ready = pod.status.conditions.find((c: Obj) => c.type === 'Ready')
    expect(
      Date.parse(ready.lastTransitionTime) - Date.parse(pod.metadata.creationTimestamp ?? '')
    ).to.be.below(15_000)
    const token = (
      await lab.lab.cluster.client('test').list<Obj>(SECRETS, { namespace: 'kube-system' })
    ).items.find((s) => s.type === 'bootstrap.kubernetes.io/token')
    const expires = Date.parse(Buffer.from(token?.data?.expiration ?? '', 'base64').toString())
    expect(Math.abs(expires - (Date.now() + 24 * 3600_000))).to.be.below(60_000)
  })

  it('kubectl 1.33 reads ages in seconds (negative: an event written 5 minutes ago reads 5m)', async () => {
    const age = ageOf((await lab.kubectl(['get', 'pods'])).stdout, pod.metadata.name!)
    expect(age).to.match(/^\d+s$/)
    expect(Number.parseInt(age)).to.be.within(1, 30)
    expect(
      (
        await lab.kubectl(
          ['create', '-f', '-'],
          eventAt(pod.metadata.name!, pod.metadata.uid!, -300)
        )
      ).code
    ).to.equal(0)
    const events = await lab.kubectl(['get', 'events', '--field-selector', 'reason=ClockTest'])
    expect(events.stdout).to.match(/^5m\d*s?\s/m)
  })

  describe('kubectl 1.20', () => {
    let k120: (args: string[], input?: string) => Promise<RunResult>
    before(function () {
      if (!existsSync(KUBECTL_120)) {
        console.log(
          `    (skipped: ${KUBECTL_120} is absent; extract Debian's kubernetes-client there)`
        )
        this.skip()
      }
      const env = { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: lab.kubeconfig }
      k120 = (args, input) => run(KUBECTL_120, args, env, input)
    })

    it('reads ages in seconds', async () => {
      const age = ageOf((await k120(['get', 'pods'])).stdout, pod.metadata.name!)
      expect(age).to.match(/^\d+s$/)
    })

    it('describes the pod and every node without <invalid> (negative: a future event shows <invalid>)', async () => {
      const described = await k120(['describe', 'pod', pod.metadata.name!])
      expect(described.code, described.stderr).to.equal(0)
      expect(described.stdout).to.match(/Scheduled/)
      expect(described.stdout).to.not.include('<invalid>')
      const nodes = await k120(['describe', 'nodes'])
      expect(nodes.code, nodes.stderr).to.equal(0)
      expect(nodes.stdout).to.match(/NodeReady/)
      expect(nodes.stdout).to.not.include('<invalid>')
      // What the sim used to write at a time factor: a timestamp ahead of the machine's clock.
      const ahead = eventAt(pod.metadata.name!, pod.metadata.uid!, 600)
      expect((await k120(['create', '-f', '-'], ahead)).code).to.equal(0)
      expect((await k120(['describe', 'pod', pod.metadata.name!])).stdout).to.include('<invalid>')
    })
  })
})
