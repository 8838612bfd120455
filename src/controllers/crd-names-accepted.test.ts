import { expect } from 'chai'
import type { KubeObject, Obj } from '../api/types.js'
import { waitFor } from '../testing/controllers/controller-helpers.js'
import { CRD_V1BETA1 } from '../testing/controllers/crd-ref.js'
import { useTestCluster } from '../testing/controllers/use-test-cluster.js'
import { namingStatus } from './crd-established-controller.js'

const NOW = '2018-08-01T00:00:00Z'

const crd = (name: string, group: string, names: Obj, status?: Obj): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1beta1',
  kind: 'CustomResourceDefinition',
  metadata: { name },
  spec: { group, version: 'v1', scope: 'Namespaced', names },
  ...(status ? { status } : {}),
})

const GADGET = {
  plural: 'gadgets',
  singular: 'gadget',
  kind: 'Gadget',
  listKind: 'GadgetList',
  shortNames: ['gd'],
}
const gadgets = crd('gadgets.example.com', 'example.com', GADGET, { acceptedNames: GADGET })

const conditions = (s: Obj) =>
  (s.conditions as Obj[]).map((c) => [c.type, c.status, c.reason, c.message])

describe('namingStatus() (kube-apiextensions 1.11 naming controller)', () => {
  it('accepts and establishes a CRD whose names no other CRD of its group has', () => {
    const names = { plural: 'gizmos', singular: 'gizmo', kind: 'Gizmo', shortNames: ['gz'] }
    const s = namingStatus(crd('gizmos.example.com', 'example.com', names), [gadgets], NOW)
    expect(conditions(s)).to.deep.equal([
      ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
      ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'],
    ])
    expect(s.acceptedNames).to.deep.equal(names)
  })

  const refused: [what: string, names: Obj, reason: string, message: string, kept: Obj][] = [
    [
      'a kind',
      { plural: 'gizmos', kind: 'Gadget' },
      'KindConflict',
      '"Gadget" is already in use',
      { plural: 'gizmos' },
    ],
    [
      'a plural that is a short name',
      { plural: 'gd', kind: 'Gizmo' },
      'PluralConflict',
      '"gd" is already in use',
      { kind: 'Gizmo' },
    ],
    [
      'a singular that is a plural',
      { plural: 'gizmos', singular: 'gadgets', kind: 'Gizmo' },
      'SingularConflict',
      '"gadgets" is already in use',
      { plural: 'gizmos', kind: 'Gizmo' },
    ],
    [
      'short names',
      { plural: 'gizmos', kind: 'Gizmo', shortNames: ['gz', 'gadget', 'gd'] },
      'ShortNamesConflict',
      '["gadget" is already in use, "gd" is already in use]',
      { plural: 'gizmos', kind: 'Gizmo' },
    ],
    [
      'a list kind',
      { plural: 'gizmos', kind: 'Gizmo', listKind: 'GadgetList' },
      'ListKindConflict',
      '"GadgetList" is already in use',
      { plural: 'gizmos', kind: 'Gizmo' },
    ],
  ]
  for (const [what, names, reason, message, kept] of refused) {
    it(`refuses ${what} another CRD of the group has (${reason})`, () => {
      const s = namingStatus(crd('gizmos.example.com', 'example.com', names), [gadgets], NOW)
      expect(conditions(s)).to.deep.equal([
        ['NamesAccepted', 'False', reason, message],
        ['Established', 'False', 'NotAccepted', 'not all names are accepted'],
      ])
      expect(s.acceptedNames).to.deep.equal(kept)
    })
  }

  it('does not compare with CRDs of other groups, nor with itself (negative)', () => {
    const same = crd('gadgets.other.example.com', 'other.example.com', GADGET)
    expect(conditions(namingStatus(same, [gadgets], NOW))[0]).to.deep.equal([
      'NamesAccepted',
      'True',
      'NoConflicts',
      'no conflicts found',
    ])
    expect(conditions(namingStatus(gadgets, [gadgets], NOW))[0]![1]).to.equal('True')
  })
})

describe('crd-established controller: names in use (1.11)', () => {
  const ref = CRD_V1BETA1
  const t = useTestCluster({ controllers: [] })

  const named = (name: string, want: string) =>
    waitFor(`${name} NamesAccepted ${want}`, async () => {
      const o = await t.client.get<KubeObject>(ref, name)
      const c = ((o.status as Obj | undefined)?.conditions as Obj[] | undefined) ?? []
      return c.some((x) => x.type === 'NamesAccepted' && x.status === want) ? o : undefined
    })

  it('refuses a kind in use, then accepts it once the other CRD is deleted', async () => {
    await t.client.create(ref, crd('gadgets.lab.example.com', 'lab.example.com', GADGET))
    await named('gadgets.lab.example.com', 'True')
    await t.client.create(
      ref,
      crd('gizmos.lab.example.com', 'lab.example.com', { plural: 'gizmos', kind: 'Gadget' })
    )
    const refused = await named('gizmos.lab.example.com', 'False')
    expect(conditions(refused.status as Obj)).to.deep.equal([
      ['NamesAccepted', 'False', 'KindConflict', '"Gadget" is already in use'],
      ['Established', 'False', 'NotAccepted', 'not all names are accepted'],
    ])
    await t.client.delete(ref, 'gadgets.lab.example.com')
    const accepted = await named('gizmos.lab.example.com', 'True')
    expect((accepted.status as Obj).acceptedNames).to.deep.equal({
      plural: 'gizmos',
      kind: 'Gadget',
    })
  })
})
