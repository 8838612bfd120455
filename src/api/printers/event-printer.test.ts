import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import { eventPrinter } from './event-printer.js'
import { printCtx as ctx, printedAgo as ago } from '../../testing/apiserver/index.js'

describe('eventPrinter', () => {
  it('defines Last Seen, Type, Reason, Object, Message, the rest wide', () => {
    expect(eventPrinter.columns.map((c) => `${c.name}:${c.priority}:${c.format}`)).to.deep.equal([
      'Last Seen:0:',
      'Type:0:',
      'Reason:0:',
      'Object:0:',
      'Subobject:1:',
      'Source:1:',
      'Message:0:',
      'First Seen:1:',
      'Count:1:',
      'Name:1:name',
    ])
  })

  it('prints a core/v1 event', () => {
    const ev: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'msb-eag.17a', namespace: 'onap' },
      involvedObject: { kind: 'Pod', name: 'msb-eag-abc', fieldPath: 'spec.containers{msb-eag}' },
      reason: 'BackOff',
      type: 'Warning',
      message: 'Back-off restarting failed container\n',
      source: { component: 'kubelet', host: 'worker-1' },
      firstTimestamp: ago(600),
      lastTimestamp: ago(30),
      count: 7,
    }
    expect(eventPrinter.cells(ev, ctx)).to.deep.equal([
      '30s',
      'Warning',
      'BackOff',
      'pod/msb-eag-abc',
      'spec.containers{msb-eag}',
      'kubelet, worker-1',
      'Back-off restarting failed container',
      '10m',
      7,
      'msb-eag.17a',
    ])
  })

  it('falls back to eventTime and series, and counts singletons as 1', () => {
    const ev: KubeObject = {
      metadata: { name: 'e' },
      involvedObject: { kind: 'Node' },
      eventTime: ago(90),
      reportingController: 'node-controller',
      series: { count: 4, lastObservedTime: ago(5) },
    }
    expect(eventPrinter.cells(ev, ctx)).to.deep.equal([
      '5s',
      '',
      '',
      'node',
      '',
      'node-controller',
      '',
      '90s',
      4,
      'e',
    ])
    const single: KubeObject = {
      metadata: { name: 's' },
      involvedObject: { kind: 'Pod', name: 'p' },
      eventTime: ago(3),
    }
    expect(eventPrinter.cells(single, ctx)[8]).to.equal(1)
    expect(eventPrinter.cells(single, ctx)[0]).to.equal('3s')
  })

  it('reads the events.k8s.io spelling', () => {
    const ev: KubeObject = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'n' },
      regarding: { kind: 'Deployment', name: 'web' },
      note: 'Scaled up replica set web-1 to 1',
      reason: 'ScalingReplicaSet',
      type: 'Normal',
      deprecatedSource: { component: 'deployment-controller' },
      deprecatedFirstTimestamp: ago(120),
      deprecatedLastTimestamp: ago(60),
      deprecatedCount: 2,
    }
    expect(eventPrinter.cells(ev, ctx)).to.deep.equal([
      '60s',
      'Normal',
      'ScalingReplicaSet',
      'deployment/web',
      '',
      'deployment-controller',
      'Scaled up replica set web-1 to 1',
      '2m',
      2,
      'n',
    ])
  })

  it('survives an empty event', () => {
    expect(eventPrinter.cells({ metadata: {} }, ctx)).to.deep.equal([
      '<unknown>',
      '',
      '',
      '',
      '',
      '',
      '',
      '<unknown>',
      1,
      '',
    ])
  })
})
