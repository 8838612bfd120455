import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  formatLabelSelector,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './index.js'
import { labelSelectorString } from './selectors.js'
import { printCtx as ctx, printable } from '../../testing/apiserver/index.js'

// Created 3m before NOW.
const meta = { name: 'msb-eag', namespace: 'onap', creationTimestamp: '2024-05-01T11:57:00Z' }
const template = {
  metadata: { labels: { app: 'msb-eag' } },
  spec: {
    nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' },
    containers: [
      { name: 'msb-eag', image: 'nexus3.onap.org:10001/onap/msb/msb_apigateway:1.2.0' },
      { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.0.0' },
    ],
  },
}
const names = 'msb-eag,istio-proxy'
const images = 'nexus3.onap.org:10001/onap/msb/msb_apigateway:1.2.0,docker.io/istio/proxyv2:1.0.0'

const obj = (kind: string, spec: object, status: object): KubeObject =>
  printable(kind, meta, spec, status)

describe('workload printers', () => {
  it('prints a deployment: Ready ready/desired, Up-to-date and Available as numbers', () => {
    const d = obj(
      'Deployment',
      { replicas: 3, selector: { matchLabels: { app: 'msb-eag', release: 'msb' } }, template },
      { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 }
    )
    expect(deploymentPrinter.columns.map((c) => c.name)).to.deep.equal([
      'Name',
      'Ready',
      'Up-to-date',
      'Available',
      'Age',
      'Containers',
      'Images',
      'Selector',
    ])
    expect(deploymentPrinter.cells(d, ctx)).to.deep.equal([
      'msb-eag',
      '2/3',
      3,
      2,
      '3m',
      names,
      images,
      'app=msb-eag,release=msb',
    ])
  })

  it('prints a deployment with no status yet, and <invalid> for an invalid selector', () => {
    const d = obj(
      'Deployment',
      { selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } },
      {}
    )
    // A missing spec.replicas reads as the server default 1.
    expect(deploymentPrinter.cells(d, ctx)).to.deep.equal([
      'msb-eag',
      '0/1',
      0,
      0,
      '3m',
      '',
      '',
      '<invalid>',
    ])
    expect(deploymentPrinter.cells({ metadata: {} }, ctx)[7]).to.equal('')
  })

  it('prints replica sets and replication controllers as numbers, with their selectors', () => {
    const rs = obj(
      'ReplicaSet',
      { replicas: 2, selector: { matchLabels: { app: 'msb-eag' } }, template },
      { replicas: 2, readyReplicas: 1 }
    )
    expect(replicaSetPrinter.cells(rs, ctx)).to.deep.equal([
      'msb-eag',
      2,
      2,
      1,
      '3m',
      names,
      images,
      'app=msb-eag',
    ])
    expect(replicaSetPrinter.cells(obj('ReplicaSet', { replicas: 0 }, {}), ctx)).to.deep.equal([
      'msb-eag',
      0,
      0,
      0,
      '3m',
      '',
      '',
      '<none>',
    ])
    const rc = obj(
      'ReplicationController',
      { replicas: 1, selector: { app: 'x' }, template },
      { replicas: 1, readyReplicas: 1 }
    )
    expect(replicationControllerPrinter.cells(rc, ctx)).to.deep.equal([
      'msb-eag',
      1,
      1,
      1,
      '3m',
      names,
      images,
      'app=x',
    ])
    expect(replicationControllerPrinter.columns.map((c) => c.type)).to.deep.equal(
      replicaSetPrinter.columns.map((c) => c.type)
    )
  })

  it('prints stateful sets as Ready ready/desired with wide Containers and Images only', () => {
    const ss = obj('StatefulSet', { replicas: 3, template }, { readyReplicas: 3 })
    expect(statefulSetPrinter.columns.map((c) => c.name)).to.deep.equal([
      'Name',
      'Ready',
      'Age',
      'Containers',
      'Images',
    ])
    expect(statefulSetPrinter.cells(ss, ctx)).to.deep.equal(['msb-eag', '3/3', '3m', names, images])
  })

  it('prints daemon sets with the node selector of the template', () => {
    const ds = obj(
      'DaemonSet',
      { selector: { matchLabels: { k8s: 'calico' } }, template },
      {
        desiredNumberScheduled: 3,
        currentNumberScheduled: 3,
        numberReady: 2,
        updatedNumberScheduled: 3,
        numberAvailable: 2,
      }
    )
    expect(daemonSetPrinter.cells(ds, ctx)).to.deep.equal([
      'msb-eag',
      3,
      3,
      2,
      3,
      2,
      'disk=ssd,kubernetes.io/os=linux',
      '3m',
      names,
      images,
      'k8s=calico',
    ])
    expect(daemonSetPrinter.cells(obj('DaemonSet', {}, {}), ctx).slice(1, 7)).to.deep.equal([
      0,
      0,
      0,
      0,
      0,
      '<none>',
    ])
  })

  it('prints controller revisions with their controller as kind.group/name', () => {
    const cr: KubeObject = {
      metadata: {
        ...meta,
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u', controller: true },
        ],
      },
      revision: 2,
    }
    expect(controllerRevisionPrinter.cells(cr, ctx)).to.deep.equal([
      'msb-eag',
      'statefulset.apps/web',
      2,
      '3m',
    ])
    expect(controllerRevisionPrinter.cells({ metadata: meta }, ctx)[1]).to.equal('<none>')
  })

  it('prints pod templates', () => {
    const pt: KubeObject = { metadata: meta, template }
    expect(podTemplatePrinter.cells(pt, ctx)).to.deep.equal([
      'msb-eag',
      names,
      images,
      'app=msb-eag',
    ])
  })
})

describe('label selector formatting', () => {
  it('sorts requirements by key and prints every operator', () => {
    const sel = {
      matchLabels: { tier: 'web', app: 'x' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'gpu', operator: 'Exists' },
      ],
    }
    expect(labelSelectorString(sel)).to.equal(
      'app=x,!canary,env in (dev,prod),gpu,tier=web,zone notin (b)'
    )
  })

  it('returns <none> for empty and <error> for invalid selectors', () => {
    expect(formatLabelSelector(undefined)).to.equal('<none>')
    expect(formatLabelSelector({})).to.equal('<none>')
    expect(
      formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })
    ).to.equal('<error>')
    expect(
      formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] })
    ).to.equal('<error>')
  })
})
