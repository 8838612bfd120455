import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import { recordUpdate } from './record-update.js'
import { serverSideApply } from './server-side-apply.js'
import {
  T0,
  T1,
  applyAsHelm as apply,
  entryOf as entry,
  helmDeployment,
  statusErrorOf as conflictOf,
  type Json,
} from '../../testing/api/patch-fixtures.js'

describe('serverSideApply()', () => {
  it('creates an object owned by the applier (helm install)', () => {
    const obj = apply({ applied: helmDeployment() }) as Json
    expect(obj.spec.template.spec.containers[0].image).to.equal('nginx:1.14')
    expect(obj.metadata.managedFields).to.deep.equal([
      {
        manager: 'helm',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': {
            'f:annotations': {
              'f:meta.helm.sh/release-name': {},
              'f:meta.helm.sh/release-namespace': {},
            },
            'f:labels': { 'f:app.kubernetes.io/managed-by': {}, 'f:app.kubernetes.io/name': {} },
          },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app.kubernetes.io/name': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"mychart"}': {
                    '.': {},
                    'f:env': { 'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
                    'f:image': {},
                    'f:name': {},
                    'f:ports': {
                      'k:{"containerPort":80,"protocol":"TCP"}': {
                        '.': {},
                        'f:containerPort': {},
                        'f:name': {},
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    ])
  })

  it('keeps live fields the configuration does not mention (defaults, status)', () => {
    const live = apply({ applied: helmDeployment() }) as Json
    live.spec.progressDeadlineSeconds = 600
    live.status = { replicas: 1 }
    const out = apply({
      live: live as KubeObject,
      applied: helmDeployment('nginx:1.15'),
      now: T1,
    }) as Json
    expect(out.spec.progressDeadlineSeconds).to.equal(600)
    expect(out.status).to.deep.equal({ replicas: 1 })
    expect(out.spec.template.spec.containers[0].image).to.equal('nginx:1.15')
    expect(entry(out as KubeObject, 'helm')?.time).to.equal(T1)
  })

  it('removes fields the applier owned and no longer applies (helm upgrade)', () => {
    const live = apply({ applied: helmDeployment() })
    const next = helmDeployment() as Json
    delete next.metadata.annotations
    delete next.spec.template.spec.containers[0].env
    const out = apply({ live, applied: next as KubeObject, now: T1 }) as Json
    expect(out.metadata).to.not.have.property('annotations')
    expect(out.spec.template.spec.containers[0]).to.not.have.property('env')
    expect(entry(out as KubeObject, 'helm')?.fieldsV1['f:metadata']).to.not.have.property(
      'f:annotations'
    )
  })

  it('keeps a dropped field another manager also owns', () => {
    const live = apply({ applied: helmDeployment() }) as Json
    const labelled = recordUpdate({
      old: live as KubeObject,
      updated: {
        ...live,
        metadata: { ...live.metadata, labels: { ...live.metadata.labels, tier: 'web' } },
      } as KubeObject,
      manager: 'kubectl-label',
      apiVersion: 'apps/v1',
      now: T1,
    })
    const applied = helmDeployment() as Json
    applied.metadata.labels = { ...applied.metadata.labels, tier: 'web' }
    const withTier = apply({ live: labelled, applied: applied as KubeObject, now: T1 })
    const out = apply({ live: withTier, applied: helmDeployment(), now: T1 }) as Json
    expect(out.metadata.labels.tier).to.equal('web')
  })

  it('keeps the time of a no-op apply', () => {
    const live = apply({ applied: helmDeployment() })
    const out = apply({ live, applied: helmDeployment(), now: T1 })
    expect(entry(out, 'helm')?.time).to.equal(T0)
  })

  it('owns set items by value and applies null as a removal', () => {
    const cm: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', finalizers: ['x'] },
      data: { a: '1', b: '2' },
    }
    const live = serverSideApply({
      live: undefined,
      applied: cm,
      manager: 'm',
      force: false,
      apiVersion: 'v1',
      now: T0,
    })
    expect(entry(live, 'm')?.fieldsV1['f:metadata']).to.deep.equal({
      'f:finalizers': { 'v:"x"': {} },
    })
    const out = serverSideApply({
      live,
      applied: { ...cm, data: { a: '1', b: null } } as unknown as KubeObject,
      manager: 'm',
      force: false,
      apiVersion: 'v1',
      now: T1,
    }) as Json
    expect(out.data).to.deep.equal({ a: '1' })
  })

  it('treats the lists of custom resources as atomic', () => {
    const vs: KubeObject = {
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'VirtualService',
      metadata: { name: 'v' },
      spec: { hosts: ['a'] },
    }
    const out = serverSideApply({
      live: undefined,
      applied: vs,
      manager: 'm',
      force: false,
      apiVersion: 'networking.istio.io/v1alpha3',
      now: T0,
    })
    expect(entry(out, 'm')?.fieldsV1).to.deep.equal({ 'f:spec': { 'f:hosts': {} } })
  })

  it('records a status-subresource apply on status only', () => {
    const applied = { ...helmDeployment(), status: { replicas: 1 } }
    const out = apply({ applied, manager: 'ctrl', subresource: 'status' })
    expect(entry(out, 'ctrl')).to.deep.include({
      subresource: 'status',
      fieldsV1: { 'f:status': { 'f:replicas': {} } },
    })
  })

  it('does not own status through the main resource', () => {
    const out = apply({ applied: { ...helmDeployment(), status: { replicas: 1 } } })
    expect(entry(out, 'helm')?.fieldsV1).to.not.have.property('f:status')
  })

  const refused: { name: string; applied: KubeObject; message: string }[] = [
    {
      name: 'managedFields in the configuration',
      applied: { ...helmDeployment(), metadata: { name: 'x', managedFields: [] } },
      message: 'metadata.managedFields must be nil',
    },
    {
      name: 'another API version',
      applied: { ...helmDeployment(), apiVersion: 'extensions/v1beta1' },
      message:
        'Incorrect version specified in apply patch. Specified patch version: extensions/v1beta1, expected: apps/v1',
    },
  ]
  for (const c of refused) {
    it(`answers 400 to ${c.name}`, () => {
      const err = conflictOf(() => apply({ applied: c.applied }))
      expect(err.code).to.equal(400)
      expect(err.message).to.equal(c.message)
    })
  }
})
