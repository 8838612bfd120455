import { expect } from 'chai'
import type { ContainerStatus, Pod } from './kube-types.js'
import {
  formatReady,
  parseReady,
  podOwner,
  podReady,
  podRestarts,
  podStatus,
} from './pod-columns.js'

const running = (name: string, ready = true, restartCount = 0): ContainerStatus => ({
  name,
  ready,
  restartCount,
  started: true,
  state: { running: {} },
})

function pod(
  containers: ContainerStatus[],
  init: ContainerStatus[] = [],
  extra: Partial<Pod> = {}
): Pod {
  return {
    metadata: { name: 'p' },
    spec: {
      containers: containers.map((c) => ({ name: c.name })),
      initContainers: init.map((c) => ({ name: c.name })),
    },
    status: { phase: 'Running', containerStatuses: containers, initContainerStatuses: init },
    ...extra,
  }
}

describe('podReady()', () => {
  it('counts ready running containers over the spec containers', () => {
    const p = pod([running('multicloud'), running('filebeat-onap'), running('istio-proxy', false)])
    expect(formatReady(podReady(p))).to.equal('2/3')
  })

  it('does not count completed init containers such as istio-init', () => {
    const done: ContainerStatus = {
      name: 'istio-init',
      ready: true,
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    }
    expect(formatReady(podReady(pod([running('a'), running('istio-proxy')], [done])))).to.equal(
      '2/2'
    )
  })

  it('counts containers without a status as not ready', () => {
    const p: Pod = {
      spec: { containers: [{ name: 'a' }, { name: 'b' }] },
      status: { phase: 'Pending' },
    }
    expect(formatReady(podReady(p))).to.equal('0/2')
  })

  it('counts restartable init containers (sidecars) as kubectl 1.28+ does', () => {
    const p = pod([running('app')], [running('proxy')])
    p.spec!.initContainers = [{ name: 'proxy', restartPolicy: 'Always' }]
    expect(formatReady(podReady(p))).to.equal('2/2')
  })
})

describe('parseReady()', () => {
  it('reads ready/total and refuses anything else', () => {
    expect(parseReady('2/3')).to.deep.equal({ ready: 2, total: 3 })
    expect(parseReady('2')).to.equal(undefined)
  })
})

describe('podStatus()', () => {
  it('is the phase of a healthy pod', () => {
    expect(podStatus(pod([running('a')]))).to.equal('Running')
  })

  it('shows a waiting reason, an init step and termination as kubectl does', () => {
    const crash: ContainerStatus = {
      name: 'a',
      ready: false,
      restartCount: 4,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
    }
    expect(podStatus(pod([crash]))).to.equal('CrashLoopBackOff')
    const waitingInit: ContainerStatus = {
      name: 'readiness',
      ready: false,
      restartCount: 0,
      state: { running: {} },
    }
    expect(
      podStatus(
        pod(
          [
            {
              name: 'a',
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: 'PodInitializing' } },
            },
          ],
          [waitingInit]
        )
      )
    ).to.equal('Init:0/1')
    expect(
      podStatus(
        pod([running('a')], [], {
          metadata: { name: 'p', deletionTimestamp: '2018-09-01T00:00:00Z' },
        })
      )
    ).to.equal('Terminating')
  })

  it('is Completed for a finished job pod', () => {
    const done: ContainerStatus = {
      name: 'job',
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed' } },
    }
    const p = pod([done])
    p.status!.phase = 'Succeeded'
    expect(podStatus(p)).to.equal('Completed')
    expect(formatReady(podReady(p))).to.equal('0/1')
  })

  it('shows an exit code when a container died without a reason', () => {
    const died: ContainerStatus = {
      name: 'a',
      ready: false,
      restartCount: 0,
      state: { terminated: { exitCode: 2 } },
    }
    expect(podStatus(pod([died]))).to.equal('ExitCode:2')
  })
})

describe('podRestarts()', () => {
  it('sums the restarts of the containers', () => {
    expect(podRestarts(pod([running('a', true, 1), running('b', true, 2)]))).to.equal(3)
  })
})

describe('podOwner()', () => {
  it('names the Deployment of a ReplicaSet pod', () => {
    const p: Pod = {
      metadata: {
        name: 'msb-kube2msb-77ccb675dd-rhfn7',
        labels: { 'pod-template-hash': '77ccb675dd' },
        ownerReferences: [
          { kind: 'ReplicaSet', name: 'msb-kube2msb-77ccb675dd', controller: true },
        ],
      },
    }
    expect(podOwner(p)).to.deep.equal({ kind: 'Deployment', name: 'msb-kube2msb' })
  })

  it('names a Job, or the pod itself when it has no owner', () => {
    expect(
      podOwner({
        metadata: { name: 'x', ownerReferences: [{ kind: 'Job', name: 'istio-cleanup-secrets' }] },
      })
    ).to.deep.equal({ kind: 'Job', name: 'istio-cleanup-secrets' })
    expect(podOwner({ metadata: { name: 'bare' } })).to.deep.equal({ kind: 'Pod', name: 'bare' })
  })
})
