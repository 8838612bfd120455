import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import { newPodPrinter } from './pod-printer.js'

const NOW = new Date('2024-05-01T12:00:00Z')
const ago = (seconds: number) =>
  new Date(NOW.getTime() - seconds * 1000).toISOString().replace('.000', '')
const ctx = { now: NOW }
const printer = newPodPrinter()
const cells = (pod: KubeObject) => printer.cells(pod, ctx)
/** Returns only Ready, Status and Restarts. */
const summary = (pod: KubeObject) => cells(pod).slice(1, 4)

function pod(
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  meta = {}
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'onap', creationTimestamp: ago(3 * 3600), ...meta },
    spec: { containers: [{ name: 'app', image: 'app:1' }], ...spec },
    status,
  }
}

const running = (name: string, restartCount = 0, extra = {}) => ({
  name,
  ready: true,
  restartCount,
  state: { running: { startedAt: ago(600) } },
  ...extra,
})
const waiting = (name: string, reason: string, restartCount = 0) => ({
  name,
  ready: false,
  restartCount,
  state: { waiting: { reason } },
})

describe('newPodPrinter()', () => {
  it('defines the columns of kube-apiserver, wide ones with priority 1', () => {
    const cols = printer.columns.map((c) => [c.name, c.type, c.format, c.priority])
    expect(cols).to.deep.equal([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'integer', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ])
    expect(newPodPrinter('countAndAge').columns[3]).to.include({ name: 'Restarts', type: 'string' })
  })

  it('prints a running pod with an Istio sidecar that restarted once', () => {
    const p = pod(
      { containers: [{ name: 'app' }, { name: 'istio-proxy' }], nodeName: 'worker-1' },
      {
        phase: 'Running',
        podIP: '10.244.1.7',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [
          running('app', 1, { lastState: { terminated: { exitCode: 1, finishedAt: ago(300) } } }),
          running('istio-proxy'),
        ],
      }
    )
    expect(cells(p)).to.deep.equal([
      'p',
      '2/2',
      'Running',
      1,
      '3h',
      '10.244.1.7',
      'worker-1',
      '<none>',
      '<none>',
    ])
    expect(newPodPrinter('countAndAge').cells(p, ctx)[3]).to.equal('1 (5m ago)')
  })

  it('writes restarts without a last termination time as a bare count in both styles', () => {
    const p = pod({}, { phase: 'Running', containerStatuses: [running('app', 2)] })
    expect(cells(p)[3]).to.equal(2)
    expect(newPodPrinter('countAndAge').cells(p, ctx)[3]).to.equal('2')
  })

  it('reports init containers: Init:i/n, waiting reasons, failures', () => {
    const two = { initContainers: [{ name: 'wait-db' }, { name: 'config' }] }
    const done = { name: 'wait-db', state: { terminated: { exitCode: 0, reason: 'Completed' } } }
    expect(
      summary(pod(two, { phase: 'Pending', initContainerStatuses: [running('wait-db')] }))
    ).to.deep.equal(['0/1', 'Init:0/2', 0])
    expect(
      summary(pod(two, { phase: 'Pending', initContainerStatuses: [done, running('config')] }))[1]
    ).to.equal('Init:1/2')
    const pulling = {
      phase: 'Pending',
      initContainerStatuses: [waiting('wait-db', 'PodInitializing')],
    }
    expect(summary(pod(two, pulling))[1]).to.equal('Init:0/2')
    const crash = {
      phase: 'Pending',
      initContainerStatuses: [waiting('wait-db', 'CrashLoopBackOff', 4)],
    }
    expect(summary(pod(two, crash))).to.deep.equal(['0/1', 'Init:CrashLoopBackOff', 4])
    const pull = { phase: 'Pending', initContainerStatuses: [waiting('wait-db', 'ErrImagePull')] }
    expect(summary(pod(two, pull))[1]).to.equal('Init:ErrImagePull')
    const failed = (terminated: object) => ({
      phase: 'Pending',
      initContainerStatuses: [{ name: 'wait-db', state: { terminated } }],
    })
    expect(summary(pod(two, failed({ exitCode: 1, reason: 'Error' })))[1]).to.equal('Init:Error')
    expect(summary(pod(two, failed({ exitCode: 2 })))[1]).to.equal('Init:ExitCode:2')
    expect(summary(pod(two, failed({ exitCode: 137, signal: 9 })))[1]).to.equal('Init:Signal:9')
  })

  it('shows PodInitializing once init containers are done and the app waits', () => {
    const p = pod(
      { initContainers: [{ name: 'init' }] },
      {
        phase: 'Pending',
        initContainerStatuses: [
          { name: 'init', restartCount: 1, state: { terminated: { exitCode: 0 } } },
        ],
        containerStatuses: [waiting('app', 'PodInitializing')],
      }
    )
    // Restarts of finished init containers no longer count once initialization is over.
    expect(summary(p)).to.deep.equal(['0/1', 'PodInitializing', 0])
  })

  it('shows waiting reasons (ContainerCreating, ErrImagePull, ImagePullBackOff, CrashLoop)', () => {
    for (const reason of ['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']) {
      expect(
        summary(pod({}, { phase: 'Pending', containerStatuses: [waiting('app', reason)] }))
      ).to.deep.equal(['0/1', reason, 0])
    }
    const crash = pod(
      {},
      {
        phase: 'Running',
        containerStatuses: [
          {
            ...waiting('app', 'CrashLoopBackOff', 5),
            lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(42) } },
          },
        ],
      }
    )
    expect(summary(crash)).to.deep.equal(['0/1', 'CrashLoopBackOff', 5])
    expect(newPodPrinter('countAndAge').cells(crash, ctx)[3]).to.equal('5 (42s ago)')
  })

  it('lets the first container decide the reason', () => {
    const p = pod(
      { containers: [{ name: 'a' }, { name: 'b' }] },
      {
        phase: 'Running',
        containerStatuses: [waiting('a', 'CrashLoopBackOff'), waiting('b', 'ErrImagePull')],
      }
    )
    expect(summary(p)[1]).to.equal('CrashLoopBackOff')
  })

  it('prints finished pods as Completed or Error and marks the row Completed', () => {
    const done = pod(
      {},
      {
        phase: 'Succeeded',
        containerStatuses: [
          { name: 'app', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
        ],
      }
    )
    expect(summary(done)).to.deep.equal(['0/1', 'Completed', 0])
    expect(printer.conditions?.(done)).to.deep.equal([
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ])
    const failed = pod(
      {},
      {
        phase: 'Failed',
        containerStatuses: [{ name: 'app', state: { terminated: { exitCode: 137 } } }],
      }
    )
    expect(summary(failed)[1]).to.equal('ExitCode:137')
    expect(printer.conditions?.(failed)?.[0].reason).to.equal('Failed')
    const killed = pod(
      {},
      {
        phase: 'Failed',
        containerStatuses: [{ name: 'app', state: { terminated: { signal: 9 } } }],
      }
    )
    expect(summary(killed)[1]).to.equal('Signal:9')
    expect(printer.conditions?.(pod({}, { phase: 'Running' }))).to.equal(undefined)
  })

  it('turns Completed back into Running or NotReady while another container still runs', () => {
    const status = (ready: string) => ({
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready }],
      containerStatuses: [
        running('app'),
        { name: 'job', state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      ],
    })
    const spec = { containers: [{ name: 'app' }, { name: 'job' }] }
    expect(summary(pod(spec, status('True')))).to.deep.equal(['1/2', 'Running', 0])
    expect(summary(pod(spec, status('False')))[1]).to.equal('NotReady')
  })

  it('prints Terminating, keeps finished pods finished, shows Unknown for a lost node', () => {
    const del = { deletionTimestamp: ago(5) }
    expect(
      summary(pod({}, { phase: 'Running', containerStatuses: [running('app')] }, del))[1]
    ).to.equal('Terminating')
    const done = {
      phase: 'Succeeded',
      containerStatuses: [{ name: 'app', state: { terminated: { reason: 'Completed' } } }],
    }
    expect(summary(pod({}, done, del))[1]).to.equal('Completed')
    expect(summary(pod({}, { phase: 'Running', reason: 'NodeLost' }))[1]).to.equal('NodeLost')
    expect(summary(pod({}, { phase: 'Running', reason: 'NodeLost' }, del))[1]).to.equal('Unknown')
    expect(summary(pod({}, { phase: 'Failed', reason: 'Evicted' }))[1]).to.equal('Evicted')
  })

  it('shows SchedulingGated pods', () => {
    const p = pod(
      {},
      {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }
    )
    expect(summary(p)[1]).to.equal('SchedulingGated')
  })

  it('counts started sidecar init containers (restartPolicy Always) as containers', () => {
    const p = pod(
      { initContainers: [{ name: 'proxy', restartPolicy: 'Always' }] },
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [{ ...running('proxy', 2), started: true }],
        containerStatuses: [running('app', 1)],
      }
    )
    expect(summary(p)).to.deep.equal(['2/2', 'Running', 3])
  })

  it('prints the wide cells: podIPs first, nominated node, readiness gates', () => {
    const p = pod(
      { readinessGates: [{ conditionType: 'lb/ready' }, { conditionType: 'mesh/ready' }] },
      {
        phase: 'Pending',
        podIP: '10.0.0.1',
        podIPs: [{ ip: '10.0.0.9' }],
        nominatedNodeName: 'worker-2',
        conditions: [
          { type: 'lb/ready', status: 'True' },
          { type: 'mesh/ready', status: 'False' },
        ],
      }
    )
    expect(cells(p).slice(5)).to.deep.equal(['10.0.0.9', '<none>', 'worker-2', '1/2'])
  })

  it('does not crash on a pod without spec or status', () => {
    expect(cells({ metadata: {} })).to.deep.equal([
      '',
      '0/0',
      '',
      0,
      '<unknown>',
      '<none>',
      '<none>',
      '<none>',
      '<none>',
    ])
    const junk = {
      metadata: { name: 'x' },
      spec: { containers: 'nope' },
      status: { containerStatuses: [null, 3] },
    }
    expect(cells(junk as unknown as KubeObject).slice(0, 4)).to.deep.equal(['x', '0/0', '', 0])
  })
})
