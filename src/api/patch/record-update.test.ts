import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import { applyMergePatch } from './merge-patch.js'
import { recordUpdate, type RecordUpdateOptions } from './record-update.js'
import { T0, T1, entryOf as entry, type Json } from '../../testing/api/patch-fixtures.js'

/** What `kubectl create deployment web --image=nginx --port=80` stores. */
const created = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'onap',
    uid: 'u1',
    resourceVersion: '1',
    labels: { app: 'web' },
  },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            resources: {},
          },
        ],
      },
    },
  },
})

const record = (o: Partial<RecordUpdateOptions> & { updated: KubeObject }): KubeObject =>
  recordUpdate({ old: undefined, manager: 'kubectl-create', apiVersion: 'apps/v1', now: T0, ...o })

const patch = (obj: KubeObject, body: Json): KubeObject => applyMergePatch(obj, body) as KubeObject

describe('recordUpdate()', () => {
  it('records a create like kube-apiserver (kubectl create deployment)', () => {
    const obj = record({ updated: created() })
    expect(obj.metadata.managedFields).to.have.length(1)
    expect(entry(obj, 'kubectl-create')).to.deep.include({
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T0,
      fieldsType: 'FieldsV1',
    })
    expect(entry(obj, 'kubectl-create')?.fieldsV1).to.deep.equal({
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {} }, 'f:type': {} },
        'f:template': {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"nginx"}': {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': {
                  '.': {},
                  'k:{"containerPort":80,"protocol":"TCP"}': {
                    '.': {},
                    'f:containerPort': {},
                    'f:protocol': {},
                  },
                },
                'f:resources': {},
              },
            },
          },
        },
      },
    })
  })

  it('records a ConfigMap create (kubectl create configmap)', () => {
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c' },
      data: { a: 'b' },
    }
    const obj = recordUpdate({
      old: undefined,
      updated: cm,
      manager: 'kubectl-create',
      apiVersion: 'v1',
      now: T0,
    })
    expect(entry(obj, 'kubectl-create')?.fieldsV1).to.deep.equal({
      'f:data': { '.': {}, 'f:a': {} },
    })
  })

  it('gives a changed field to its new manager (kubectl label --overwrite)', () => {
    const live = record({ updated: created() })
    const out = record({
      old: live,
      updated: patch(live, { metadata: { labels: { app: 'api', tier: 'front' } } }),
      manager: 'kubectl-label',
      now: T1,
    })
    expect(entry(out, 'kubectl-label')).to.deep.include({
      time: T1,
      fieldsV1: { 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } } },
    })
    expect(entry(out, 'kubectl-create')?.fieldsV1['f:metadata']).to.deep.equal({ 'f:labels': {} })
    expect(entry(out, 'kubectl-create')?.time).to.equal(T0)
  })

  it('records a scale subresource write apart (kubectl scale)', () => {
    const live = record({ updated: created() })
    const out = record({
      old: live,
      updated: patch(live, { spec: { replicas: 3 } }),
      manager: 'kubectl',
      subresource: 'scale',
      now: T1,
    })
    expect(entry(out, 'kubectl')).to.deep.include({
      subresource: 'scale',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
    })
    expect(entry(out, 'kubectl-create')?.fieldsV1['f:spec']).to.not.have.property('f:replicas')
  })

  it('leaves the entries alone when nothing changes', () => {
    const live = record({ updated: created() })
    const out = record({
      old: live,
      updated: patch(live, { metadata: { resourceVersion: '2' } }),
      manager: 'kubectl-edit',
      now: T1,
    })
    expect(out.metadata.managedFields).to.deep.equal(live.metadata.managedFields)
  })

  it('takes removed fields from every manager', () => {
    const live = record({ updated: created() })
    const out = record({
      old: live,
      updated: patch(live, { spec: { strategy: { rollingUpdate: null } } }),
      manager: 'kubectl-edit',
      now: T1,
    })
    expect(entry(out, 'kubectl-create')?.fieldsV1['f:spec']['f:strategy']).to.deep.equal({
      'f:type': {},
    })
    expect(entry(out, 'kubectl-edit')).to.equal(undefined)
  })

  it('does not record status through the main resource, and records it through status', () => {
    const live = record({ updated: created() })
    const withStatus = patch(live, { status: { replicas: 1 } })
    expect(
      record({ old: live, updated: withStatus, manager: 'kubectl-edit', now: T1 }).metadata
        .managedFields
    ).to.deep.equal(live.metadata.managedFields)
    const out = record({
      old: live,
      updated: withStatus,
      manager: 'kube-controller-manager',
      subresource: 'status',
      now: T1,
    })
    expect(entry(out, 'kube-controller-manager')).to.deep.include({
      subresource: 'status',
      fieldsV1: { 'f:status': { '.': {}, 'f:replicas': {} } },
    })
  })

  it('keeps one entry per manager and API version', () => {
    const live = record({ updated: created() })
    const v1 = record({
      old: live,
      updated: patch(live, { spec: { replicas: 2 } }),
      manager: 'ctl',
      now: T1,
    })
    const again = record({
      old: v1,
      updated: patch(v1, { spec: { paused: true } }),
      manager: 'ctl',
      now: T1,
    })
    expect(again.metadata.managedFields?.filter((e) => e.manager === 'ctl')).to.have.length(1)
    expect(entry(again, 'ctl')?.fieldsV1).to.deep.equal({
      'f:spec': { 'f:paused': {}, 'f:replicas': {} },
    })
    const beta = record({
      old: again,
      updated: patch(again, { spec: { paused: false } }),
      manager: 'ctl',
      apiVersion: 'extensions/v1beta1',
      now: T1,
    })
    expect(
      beta.metadata.managedFields?.filter((e) => e.manager === 'ctl').map((e) => e.apiVersion)
    ).to.deep.equal(['apps/v1', 'extensions/v1beta1'])
  })

  it('uses the managedFields a PUT sends', () => {
    const live = record({ updated: created() })
    const edited = {
      ...live,
      metadata: {
        ...live.metadata,
        managedFields: [{ ...live.metadata.managedFields![0], manager: 'renamed' }],
      },
    }
    const out = record({ old: live, updated: edited, manager: 'kubectl-replace', now: T1 })
    expect(out.metadata.managedFields?.map((e) => e.manager)).to.deep.equal(['renamed'])
  })

  it('stores no managedFields when nobody owns anything', () => {
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'onap' },
    }
    const out = recordUpdate({
      old: undefined,
      updated: cm,
      manager: 'kubectl-create',
      apiVersion: 'v1',
      now: T0,
    })
    expect(out.metadata).to.not.have.property('managedFields')
  })
})
