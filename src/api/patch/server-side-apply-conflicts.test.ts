import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import { recordUpdate } from './record-update.js'
import {
  T0,
  T1,
  applyAsHelm as apply,
  entryOf as entry,
  helmDeployment,
  statusErrorOf as conflictOf,
  type Json,
} from '../../testing/api/patch-fixtures.js'

describe('serverSideApply() conflicts', () => {
  // `kubectl apply` (client-side) created the object: kubectl-client-side-apply owns every field.
  const csaCreated = (): KubeObject =>
    recordUpdate({
      old: undefined,
      updated: helmDeployment(),
      manager: 'kubectl-client-side-apply',
      apiVersion: 'apps/v1',
      now: T0,
    })

  it('refuses to change a field another manager owns (409)', () => {
    const err = conflictOf(() =>
      apply({ live: csaCreated(), applied: helmDeployment('nginx:1.14', 3), manager: 'kubectl' })
    )
    expect(err.code).to.equal(409)
    expect(err.reason).to.equal('Conflict')
    expect(err.message).to.equal(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas'
    )
    expect(err.status.details).to.deep.equal({
      causes: [
        {
          reason: 'FieldManagerConflict',
          message: 'conflict with "kubectl-client-side-apply" using apps/v1',
          field: '.spec.replicas',
        },
      ],
    })
  })

  it('lists several conflicts per manager', () => {
    const err = conflictOf(() =>
      apply({ live: csaCreated(), applied: helmDeployment('nginx:1.15', 3), manager: 'kubectl' })
    )
    expect(err.message).to.equal(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
        '- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="mychart"].image'
    )
    expect(err.status.details?.causes).to.have.length(2)
  })

  it('names an Apply owner without API version', () => {
    const live = apply({ applied: helmDeployment() })
    const err = conflictOf(() =>
      apply({ live, applied: helmDeployment('nginx:1.14', 2), manager: 'kubectl' })
    )
    expect(err.message).to.equal(
      'Apply failed with 1 conflict: conflict with "helm": .spec.replicas'
    )
  })

  it('shares a field set to the value it already has', () => {
    const out = apply({ live: csaCreated(), applied: helmDeployment(), manager: 'kubectl' })
    expect(entry(out, 'kubectl')?.fieldsV1['f:spec']).to.have.property('f:replicas')
    expect(entry(out, 'kubectl-client-side-apply')?.fieldsV1['f:spec']).to.have.property(
      'f:replicas'
    )
  })

  it('takes the field over with force', () => {
    const out = apply({
      live: csaCreated(),
      applied: helmDeployment('nginx:1.14', 3),
      manager: 'kubectl',
      force: true,
      now: T1,
    }) as Json
    expect(out.spec.replicas).to.equal(3)
    expect(entry(out as KubeObject, 'kubectl')?.fieldsV1['f:spec']).to.have.property('f:replicas')
    expect(
      entry(out as KubeObject, 'kubectl-client-side-apply')?.fieldsV1['f:spec']
    ).to.not.have.property('f:replicas')
    expect(out.metadata.managedFields.map((e: Json) => e.operation)).to.deep.equal([
      'Apply',
      'Update',
    ])
  })
})
