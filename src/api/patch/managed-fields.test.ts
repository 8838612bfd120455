import { expect } from 'chai'
import { FieldSet } from './field-set.js'
import {
  applyConflictError,
  decodeManagedFields,
  encodeManagedFields,
  managerLabel,
  ownableFields,
  sameManager,
  type ManagerEntry,
} from './managed-fields.js'

const fields = new FieldSet([['f:spec', 'f:replicas']])
const e = (
  manager: string,
  operation: 'Apply' | 'Update',
  time: string,
  extra: Partial<ManagerEntry> = {}
): ManagerEntry => ({
  manager,
  operation,
  apiVersion: 'apps/v1',
  time,
  fields,
  ...extra,
})

describe('managed fields', () => {
  it('sorts entries: Apply first, then by time, manager, API version', () => {
    const out = encodeManagedFields([
      e('z', 'Update', '2018-08-01T10:00:00Z'),
      e('b', 'Apply', '2018-08-01T12:00:00Z'),
      e('a', 'Update', '2018-08-01T10:00:00Z'),
      e('c', 'Apply', '2018-08-01T11:00:00Z'),
      e('empty', 'Update', '2018-08-01T09:00:00Z', { fields: new FieldSet() }),
    ])
    expect(out.map((x) => x.manager)).to.deep.equal(['c', 'b', 'a', 'z'])
  })

  it('decodes what it encodes and skips malformed entries', () => {
    const encoded = encodeManagedFields([
      e('m', 'Update', '2018-08-01T10:00:00Z', { subresource: 'status' }),
    ])
    const decoded = decodeManagedFields([...encoded, { manager: 'x', operation: 'Patch' }, 'junk'])
    expect(decoded).to.have.length(1)
    expect(decoded[0]).to.deep.include({ manager: 'm', subresource: 'status' })
    expect(decoded[0].fields.paths()).to.deep.equal([['f:spec', 'f:replicas']])
  })

  it('identifies Update managers by API version, Apply managers without', () => {
    expect(
      sameManager(e('m', 'Update', ''), e('m', 'Update', '', { apiVersion: 'extensions/v1beta1' }))
    ).to.equal(false)
    expect(
      sameManager(e('m', 'Apply', ''), e('m', 'Apply', '', { apiVersion: 'extensions/v1beta1' }))
    ).to.equal(true)
    expect(sameManager(e('m', 'Apply', ''), e('m', 'Update', ''))).to.equal(false)
  })

  it('labels managers as conflict messages do', () => {
    expect(managerLabel(e('kubectl-edit', 'Update', ''))).to.equal('"kubectl-edit" using apps/v1')
    expect(managerLabel(e('helm', 'Apply', ''))).to.equal('"helm"')
    expect(managerLabel(e('kcm', 'Update', '', { subresource: 'status' }))).to.equal(
      '"kcm" with subresource "status" using apps/v1'
    )
  })

  it('never lets anyone own identity metadata, and drops reset subtrees', () => {
    const set = new FieldSet([
      ['f:apiVersion'],
      ['f:metadata', 'f:name'],
      ['f:metadata', 'f:labels', 'f:a'],
      ['f:status', 'f:x'],
    ])
    expect(ownableFields(set, ['status']).paths()).to.deep.equal([
      ['f:metadata', 'f:labels', 'f:a'],
    ])
  })

  it('groups several conflicts by sorted manager', () => {
    const err = applyConflictError([
      { owner: e('zeta', 'Apply', ''), path: ['f:spec', 'f:replicas'] },
      { owner: e('alpha', 'Update', ''), path: ['f:metadata', 'f:labels', 'f:a'] },
    ])
    expect(err.code).to.equal(409)
    expect(err.message).to.equal(
      'Apply failed with 2 conflicts: conflicts with "alpha" using apps/v1:\n- .metadata.labels.a\nconflicts with "zeta":\n- .spec.replicas'
    )
  })
})
