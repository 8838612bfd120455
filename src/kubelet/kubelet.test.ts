import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { defaultBehaviourRegistry } from './load-behaviours.js'
import { parseBehaviours } from './parse-behaviours.js'
import { startKubelet, type StartedKubelet } from './kubelet.js'
import { MemoryLogStore } from './log-store.js'
import { eventsRef, nodesRef, podsRef } from '../client/index.js'
import { startSimHarness, testNodes, type SimHarness } from '../testing/kubelet/sim-harness.js'
import { deleteDefaultPods } from '../testing/kubelet/pod-fixtures.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const TEST_BEHAVIOURS = parseBehaviours(
  `apiVersion: onap-mesh-lab/v1alpha1
kind: ImageBehaviourList
items:
  - {name: crash, images: ['test/crash*'], action: crash, runSeconds: 1}
  - {name: never-ready, images: ['test/never-ready*'], action: never-ready}
  - {name: once, images: ['test/once*'], action: exit, runSeconds: 2, exitLogs: ['done {{container}}']}
  - {name: sick, images: ['test/sick*'], action: serve, liveness: fail}
  - {name: chatty, images: ['test/chatty*'], action: serve, logs: ['hello from {{pod}}', 'line 2', 'line 3']}
  - {name: slow-stop, images: ['test/slow-stop*'], action: serve, stopSeconds: 60}
`,
  'test behaviours'
)

function pod(name: string, spec: Obj, extra: Obj = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', ...extra },
    spec: { nodeName: 't-worker', ...spec },
  }
}

function container(name: string, image: string, extra: Obj = {}): Obj {
  return { name, image, imagePullPolicy: 'IfNotPresent', ...extra }
}

describe('startKubelet()', function () {
  let h: SimHarness
  let kubelet: StartedKubelet
  let logs: MemoryLogStore
  const errors: unknown[] = []

  // One cluster and kubelet for the whole suite (a cluster takes a second to start); each test
  // uses its own pod names and images, and removes its pods afterwards.
  before(async () => {
    h = await startSimHarness()
    logs = new MemoryLogStore()
    const behaviours = defaultBehaviourRegistry().add(TEST_BEHAVIOURS)
    kubelet = await startKubelet(h.client, h.clock, {
      node: testNodes()[1]!,
      behaviours,
      logs,
      scenario: { missingImages: ['registry.example/missing:*'] },
      onError: (e) => errors.push(e),
    })
  })

  after(async () => {
    kubelet.stop()
    await h.stop()
  })

  afterEach(async () => {
    await deleteDefaultPods(h)
    expect(errors.splice(0)).to.deep.equal([])
  })

  const getPod = (name: string) => h.client.get<Obj & KubeObject>(podsRef, name, 'default')
  const statusOf = async (name: string, c = 0) =>
    (await getPod(name)).status?.containerStatuses?.[c]
  const events = async (name: string) =>
    (await h.client.list<Obj & KubeObject>(eventsRef, { namespace: 'default' })).items
      .filter((e) => e.involvedObject.name === name)
      .map((e) => `${e.reason}: ${e.message}`)

  it('registers its Node and keeps posting heartbeats', async () => {
    const first = await h.client.get<Obj & KubeObject>(nodesRef, 't-worker')
    const ready = first.status.conditions.find((c: Obj) => c.type === 'Ready')
    expect(ready).to.include({ status: 'True', reason: 'KubeletReady' })
    expect(first.spec.podCIDR).to.equal('192.168.1.0/24')
    await h.run(25_000, 1000)
    const later = await h.client.get<Obj & KubeObject>(nodesRef, 't-worker')
    const again = later.status.conditions.find((c: Obj) => c.type === 'Ready')
    expect(
      Date.parse(again.lastHeartbeatTime) - Date.parse(ready.lastHeartbeatTime)
    ).to.be.at.least(20_000)
    expect(again.lastTransitionTime).to.equal(ready.lastTransitionTime)
    expect(await events('t-worker')).to.include.members([
      'Starting: Starting kubelet.',
      'NodeReady: Node t-worker status is now: NodeReady',
    ])
  })

  it('keeps heartbeating from the Node it wrote, and reads it again after another writer (negative: no stale write)', async () => {
    await h.run(12_000, 1000)
    // Another writer changes the Node between two heartbeats: a label and a condition the
    // kubelet does not own; the next heartbeat must keep both (its write conflicts, it reads).
    const node = await h.client.get<Obj & KubeObject>(nodesRef, 't-worker')
    await h.client.update(nodesRef, {
      ...node,
      metadata: { ...node.metadata, labels: { ...node.metadata.labels, team: 'blue' } },
    })
    const labelled = await h.client.get<Obj & KubeObject>(nodesRef, 't-worker')
    const extra = {
      type: 'NetworkUnavailable',
      status: 'False',
      reason: 'RouteCreated',
      message: 'routes created',
      lastHeartbeatTime: labelled.status.conditions[0].lastHeartbeatTime,
      lastTransitionTime: labelled.status.conditions[0].lastHeartbeatTime,
    }
    await h.client.update(
      nodesRef,
      {
        ...labelled,
        status: { ...labelled.status, conditions: [...labelled.status.conditions, extra] },
      },
      { subresource: 'status' }
    )
    const before = (
      await h.client.get<Obj & KubeObject>(nodesRef, 't-worker')
    ).status.conditions.find((c: Obj) => c.type === 'Ready').lastHeartbeatTime
    await h.run(25_000, 1000)
    const later = await h.client.get<Obj & KubeObject>(nodesRef, 't-worker')
    expect(later.metadata.labels).to.include({ team: 'blue' })
    expect(later.status.conditions.find((c: Obj) => c.type === 'NetworkUnavailable')).to.include({
      status: 'False',
      reason: 'RouteCreated',
    })
    const after = later.status.conditions.find((c: Obj) => c.type === 'Ready').lastHeartbeatTime
    expect(Date.parse(after) - Date.parse(before)).to.be.at.least(20_000)
  })

  it('runs a two-container pod to Running with 2/2 ready, an IP from the pod CIDR and the kubelet events', async () => {
    await h.client.create(
      podsRef,
      pod('two', { containers: [container('a', 'web/two:1'), container('b', 'busybox:1.29')] })
    )
    await h.until('two running', async () => (await getPod('two')).status?.phase === 'Running')
    await h.until(
      'two ready',
      async () =>
        (await getPod('two')).status.conditions.find((c: Obj) => c.type === 'Ready')?.status ===
        'True'
    )
    const p = await getPod('two')
    expect(p.status.podIP).to.equal('192.168.1.2')
    expect(p.status.hostIP).to.equal('127.0.10.105')
    expect(p.status.conditions.map((c: Obj) => `${c.type}=${c.status}`)).to.deep.equal([
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ])
    expect(
      p.status.containerStatuses.map((s: Obj) => [
        s.name,
        s.ready,
        s.restartCount,
        Object.keys(s.state)[0],
      ])
    ).to.deep.equal([
      ['a', true, 0, 'running'],
      ['b', true, 0, 'running'],
    ])
    expect(p.status.containerStatuses[0].containerID).to.match(/^docker:\/\/[0-9a-f]{64}$/)
    expect(await events('two')).to.include.members([
      'Pulling: pulling image "web/two:1"',
      'Pulled: Successfully pulled image "web/two:1"',
      'Created: Created container',
      'Started: Started container',
    ])
    // A second pod with the same image finds it on the node, and gets the next IP.
    await h.client.create(podsRef, pod('again', { containers: [container('a', 'web/two:1')] }))
    await h.until('again running', async () => (await getPod('again')).status?.phase === 'Running')
    expect((await getPod('again')).status.podIP).to.equal('192.168.1.3')
    expect(await events('again')).to.include(
      'Pulled: Container image "web/two:1" already present on machine'
    )
    expect(await events('again')).not.to.include('Pulling: pulling image "web/two:1"')
  })

  it('keeps a pod whose readiness probe fails at 0/1 Running, with Unhealthy events', async () => {
    const probe = {
      httpGet: { path: '/health', port: 8080 },
      initialDelaySeconds: 5,
      periodSeconds: 10,
    }
    await h.client.create(
      podsRef,
      pod('nr', { containers: [container('app', 'test/never-ready:1', { readinessProbe: probe })] })
    )
    await h.until('nr running', async () => (await getPod('nr')).status?.phase === 'Running')
    await h.run(60_000, 1000)
    const p = await getPod('nr')
    expect(p.status.phase).to.equal('Running')
    expect(p.status.containerStatuses[0].ready).to.equal(false)
    expect(p.status.conditions.find((c: Obj) => c.type === 'Ready')).to.include({
      status: 'False',
      reason: 'ContainersNotReady',
      message: 'containers with unready status: [app]',
    })
    expect(await events('nr')).to.include(
      'Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503'
    )
  })

  it('honours initialDelaySeconds: a passing readiness probe makes the container ready only after it', async () => {
    const probe = { tcpSocket: { port: 80 }, initialDelaySeconds: 120, periodSeconds: 10 }
    await h.client.create(
      podsRef,
      pod('late', { containers: [container('app', 'nginx:1.15', { readinessProbe: probe })] })
    )
    await h.until('late running', async () => (await getPod('late')).status?.phase === 'Running')
    await h.run(60_000, 1000)
    expect((await statusOf('late')).ready).to.equal(false)
    await h.until('late ready', async () => (await statusOf('late')).ready === true, 120_000, 1000)
  })

  it('restarts a crashing container with CrashLoopBackOff and a growing restartCount', async () => {
    await h.client.create(podsRef, pod('crash', { containers: [container('app', 'test/crash:1')] }))
    await h.until(
      'crash loop',
      async () => (await statusOf('crash'))?.state?.waiting?.reason === 'CrashLoopBackOff',
      120_000,
      500
    )
    const first = await statusOf('crash')
    expect(first.state.waiting.message).to.match(
      /^Back-off 10s restarting failed container=app pod=crash_default\(/
    )
    expect(first.lastState.terminated).to.include({ exitCode: 1, reason: 'Error' })
    await h.until(
      'restartCount 3',
      async () => (await statusOf('crash')).restartCount >= 3,
      300_000,
      1000
    )
    expect((await getPod('crash')).status.phase).to.equal('Running')
    expect(await events('crash')).to.include('BackOff: Back-off restarting failed container')
    await h.until(
      'back-off 40s',
      async () => /^Back-off 40s/.test((await statusOf('crash')).state.waiting?.message ?? ''),
      300_000,
      1000
    )
  })

  it('runs init containers in order before the app containers', async () => {
    const spec = {
      initContainers: [container('first', 'test/once:1'), container('second', 'test/once:2')],
      containers: [container('app', 'nginx:1.15')],
    }
    await h.client.create(podsRef, pod('inits', spec))
    await h.until(
      'first init running',
      async () =>
        (await getPod('inits')).status?.initContainerStatuses?.[0]?.state?.running !== undefined
    )
    let p = await getPod('inits')
    expect(p.status.phase).to.equal('Pending')
    expect(p.status.initContainerStatuses[1].state.waiting.reason).to.equal('PodInitializing')
    expect(p.status.containerStatuses[0].state.waiting.reason).to.equal('PodInitializing')
    expect(p.status.conditions[0]).to.include({
      type: 'Initialized',
      status: 'False',
      message: 'containers with incomplete status: [first second]',
    })
    await h.until(
      'second init running',
      async () =>
        (await getPod('inits')).status.initContainerStatuses[1].state.running !== undefined
    )
    p = await getPod('inits')
    expect(p.status.initContainerStatuses[0].state.terminated).to.include({
      exitCode: 0,
      reason: 'Completed',
    })
    expect(p.status.containerStatuses[0].state.waiting).to.not.equal(undefined)
    await h.until('inits running', async () => (await getPod('inits')).status.phase === 'Running')
    p = await getPod('inits')
    expect(p.status.initContainerStatuses.map((s: Obj) => s.ready)).to.deep.equal([true, true])
    expect(logs.read('default', 'inits', 'first', { previous: false })).to.equal('done first\n')
  })

  it('fails a pod whose init container fails under restartPolicy Never, and never starts its app', async () => {
    const spec = {
      restartPolicy: 'Never',
      initContainers: [container('init', 'test/crash:1')],
      containers: [container('app', 'nginx:1.15')],
    }
    await h.client.create(podsRef, pod('initfail', spec))
    await h.until('failed', async () => (await getPod('initfail')).status?.phase === 'Failed')
    const p = await getPod('initfail')
    expect(p.status.initContainerStatuses[0].state.terminated.exitCode).to.equal(1)
    expect(p.status.containerStatuses[0].state.waiting.reason).to.equal('PodInitializing')
  })

  it('restarts a failing init container with back-off under restartPolicy Always', async () => {
    const spec = {
      initContainers: [container('init', 'test/crash:init')],
      containers: [container('app', 'nginx:1.15')],
    }
    await h.client.create(podsRef, pod('initloop', spec))
    const init = async () => (await getPod('initloop')).status?.initContainerStatuses?.[0]
    await h.until(
      'init back-off',
      async () => (await init())?.state?.waiting?.reason === 'CrashLoopBackOff',
      120_000,
      500
    )
    await h.until(
      'init restarted twice',
      async () => (await init()).restartCount >= 2,
      120_000,
      1000
    )
    const p = await getPod('initloop')
    expect(p.status.phase).to.equal('Pending')
    expect(p.status.containerStatuses[0].state.waiting.reason).to.equal('PodInitializing')
  })

  it('lets a readiness-check init container wait until the named container is ready', async () => {
    const check = container('app-readiness', 'oomk8s/readiness-check:2.0.0', {
      command: ['/root/ready.py', '--container-name', 'db'],
    })
    await h.client.create(
      podsRef,
      pod('app', { initContainers: [check], containers: [container('app', 'nginx:1.15')] })
    )
    await h.run(60_000, 1000)
    expect((await getPod('app')).status.phase).to.equal('Pending')
    expect(
      logs.read('default', 'app', 'app-readiness', { previous: false, tailLines: 1 })
    ).to.match(/ - INFO - db is not ready\.\n$/)
    await h.client.create(
      podsRef,
      pod('db', {
        containers: [
          container('db', 'mysql:5.7', {
            readinessProbe: { tcpSocket: { port: 3306 }, periodSeconds: 10 },
          }),
        ],
      })
    )
    await h.until(
      'app running',
      async () => (await getPod('app')).status.phase === 'Running',
      120_000,
      1000
    )
    expect(
      (await getPod('app')).status.initContainerStatuses[0].state.terminated.exitCode
    ).to.equal(0)
    expect(
      logs.read('default', 'app', 'app-readiness', { previous: false, tailLines: 1 })
    ).to.match(/ - INFO - db is ready!\n$/)
  })

  it('reports ErrImagePull, then ImagePullBackOff, for an image the scenario marks missing', async () => {
    const spec = {
      containers: [container('app', 'registry.example/missing:1.0'), container('ok', 'nginx:1.15')],
    }
    await h.client.create(podsRef, pod('missing', spec))
    await h.until(
      'ErrImagePull',
      async () => (await statusOf('missing'))?.state?.waiting?.reason === 'ErrImagePull',
      60_000,
      100
    )
    expect((await statusOf('missing')).state.waiting.message).to.equal(
      'rpc error: code = Unknown desc = Error response from daemon: repository registry.example/missing not found: does not exist or no pull access'
    )
    await h.until(
      'ImagePullBackOff',
      async () => (await statusOf('missing')).state.waiting.reason === 'ImagePullBackOff',
      60_000,
      100
    )
    // One container runs, the other still waits for its first start: the pod stays Pending.
    expect((await statusOf('missing', 1)).state.running).to.not.equal(undefined)
    expect((await getPod('missing')).status.phase).to.equal('Pending')
    expect(await events('missing')).to.include.members([
      'Failed: Error: ErrImagePull',
      'Failed: Error: ImagePullBackOff',
      'BackOff: Back-off pulling image "registry.example/missing:1.0"',
    ])
  })

  it('completes a Job pod (Succeeded) and does not restart it', async () => {
    const owner = { apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u-1', controller: true }
    await h.client.create(
      podsRef,
      pod(
        'job-x',
        {
          restartPolicy: 'Never',
          containers: [container('main', 'quay.io/coreos/hyperkube:v1.7.6_coreos.0')],
        },
        { ownerReferences: [owner] }
      )
    )
    await h.until('succeeded', async () => (await getPod('job-x')).status?.phase === 'Succeeded')
    const s = await statusOf('job-x')
    expect(s.state.terminated).to.include({ exitCode: 0, reason: 'Completed' })
    expect(s.restartCount).to.equal(0)
    expect(
      (await getPod('job-x')).status.conditions.find((c: Obj) => c.type === 'Ready')
    ).to.include({ status: 'False', reason: 'PodCompleted' })
  })

  it('gives a hostNetwork pod the node IP', async () => {
    await h.client.create(
      podsRef,
      pod('hostnet', { hostNetwork: true, containers: [container('a', 'nginx:1.15')] })
    )
    await h.until(
      'hostnet running',
      async () => (await getPod('hostnet')).status?.phase === 'Running'
    )
    expect((await getPod('hostnet')).status.podIP).to.equal('127.0.10.105')
  })

  it('kills and restarts a container whose liveness probe fails', async () => {
    const probe = {
      httpGet: { path: '/', port: 80 },
      initialDelaySeconds: 10,
      periodSeconds: 5,
      failureThreshold: 3,
    }
    await h.client.create(
      podsRef,
      pod('sick', { containers: [container('app', 'test/sick:1', { livenessProbe: probe })] })
    )
    await h.until(
      'restarted',
      async () => (await statusOf('sick'))?.restartCount >= 1,
      120_000,
      500
    )
    expect(await events('sick')).to.include(
      'Killing: Killing container with id docker://app:Container failed liveness probe.. Container will be killed and recreated.'
    )
  })

  it('serves container logs, the previous instance and tailLines through its LogSource', async () => {
    await h.client.create(podsRef, pod('chatty', { containers: [container('a', 'test/chatty:1')] }))
    expect(logs.read('default', 'chatty', 'a', { previous: false })).to.equal(undefined)
    await h.until(
      'chatty running',
      async () => (await getPod('chatty')).status?.phase === 'Running'
    )
    expect(logs.read('default', 'chatty', 'a', { previous: false })).to.equal(
      'hello from chatty\nline 2\nline 3\n'
    )
    expect(logs.read('default', 'chatty', 'a', { previous: false, tailLines: 2 })).to.equal(
      'line 2\nline 3\n'
    )
    expect(logs.read('default', 'chatty', 'a', { previous: true })).to.equal(undefined)
  })

  it('deletes a pod gracefully: Killing, then removal once its containers stopped', async () => {
    await h.client.create(podsRef, pod('bye', { containers: [container('a', 'nginx:1.15')] }))
    await h.until('bye running', async () => (await getPod('bye')).status?.phase === 'Running')
    await h.client.delete(podsRef, 'bye', 'default')
    const terminating = await getPod('bye')
    expect(terminating.metadata.deletionTimestamp).to.be.a('string')
    expect(terminating.metadata.deletionGracePeriodSeconds).to.equal(30)
    await h.until('bye gone', async () =>
      (await h.client.list(podsRef, { namespace: 'default' })).items.every(
        (p) => p.metadata.name !== 'bye'
      )
    )
    expect(await events('bye')).to.include(
      'Killing: Killing container with id docker://a:Need to kill Pod'
    )
  })

  it('waits at most the grace period for a slow container to stop', async () => {
    const spec = {
      terminationGracePeriodSeconds: 5,
      containers: [container('a', 'test/slow-stop:1')],
    }
    await h.client.create(podsRef, pod('slow', spec))
    await h.until('slow running', async () => (await getPod('slow')).status?.phase === 'Running')
    await h.client.delete(podsRef, 'slow', 'default')
    await h.run(4_000, 500)
    expect(
      (await h.client.list(podsRef, { namespace: 'default' })).items.map((p) => p.metadata.name)
    ).to.include('slow')
    await h.until(
      'slow gone',
      async () =>
        (await h.client.list(podsRef, { namespace: 'default' })).items.every(
          (p) => p.metadata.name !== 'slow'
        ),
      10_000,
      500
    )
  })

  it('ignores pods bound to other nodes', async () => {
    await h.client.create(
      podsRef,
      pod('elsewhere', { nodeName: 't-worker2', containers: [container('a', 'nginx:1.15')] })
    )
    await h.run(20_000, 1000)
    const p = await getPod('elsewhere')
    expect(p.status.phase).to.equal('Pending')
    expect(p.status.containerStatuses).to.equal(undefined)
  })
})
