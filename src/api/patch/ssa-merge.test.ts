import { expect } from 'chai'
import { patchMetaFor } from './builtin-patch-meta.js'
import { dropNulls, mergeApplied, removeFields } from './ssa-merge.js'
import type { Json } from '../../testing/api/patch-fixtures.js'

const deployMeta = patchMetaFor('apps/v1', 'Deployment')
const names = (o: unknown): string[] =>
  (o as Json).spec.template.spec.containers.map((c: Json) => c.name as string)
const withContainers = (...n: string[]): Json => ({
  spec: { template: { spec: { containers: n.map((name) => ({ name, image: `${name}:1` })) } } },
})

describe('mergeApplied()', () => {
  const cases: [live: string[], applied: string[], expected: string[]][] = [
    [
      ['a', 'b', 'c'],
      ['c', 'd'],
      ['a', 'b', 'c', 'd'],
    ],
    [['a', 'b'], ['x'], ['a', 'b', 'x']],
    [
      ['a', 'b', 'c'],
      ['c', 'a'],
      ['c', 'a', 'b'],
    ],
  ]
  for (const [live, applied, expected] of cases) {
    it(`orders [${live.join()}] + [${applied.join()}] as [${expected.join()}]`, () => {
      expect(
        names(mergeApplied(withContainers(...live), withContainers(...applied), deployMeta))
      ).to.deep.equal(expected)
    })
  }

  it('merges keyed items field by field', () => {
    const live = withContainers('a')
    live.spec.template.spec.containers[0].args = ['x']
    const out = mergeApplied(live, withContainers('a'), deployMeta) as Json
    expect(out.spec.template.spec.containers[0]).to.deep.equal({
      name: 'a',
      image: 'a:1',
      args: ['x'],
    })
  })

  it('replaces atomic objects and lists', () => {
    const live = {
      spec: {
        selector: { matchLabels: { a: '1' } },
        template: { spec: { tolerations: [{ key: 'a' }] } },
      },
    }
    const applied = {
      spec: {
        selector: { matchExpressions: [] },
        template: { spec: { tolerations: [{ key: 'b' }] } },
      },
    }
    const out = mergeApplied(live, applied, deployMeta) as Json
    expect(out.spec.selector).to.deep.equal({ matchExpressions: [] })
    expect(out.spec.template.spec.tolerations).to.deep.equal([{ key: 'b' }])
  })
})

describe('removeFields()', () => {
  it('removes fields and the objects they leave empty', () => {
    const obj: Json = {
      metadata: { name: 'x', labels: { a: '1' } },
      spec: withContainers('a', 'b').spec,
    }
    removeFields(
      obj,
      [
        ['f:metadata', 'f:labels', 'f:a'],
        ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"b"}'],
      ],
      deployMeta
    )
    expect(obj.metadata).to.deep.equal({ name: 'x' })
    expect(names(obj)).to.deep.equal(['a'])
  })

  it('ignores paths that are not there', () => {
    const obj: Json = { metadata: { name: 'x' } }
    removeFields(
      obj,
      [
        ['f:spec', 'f:replicas'],
        ['f:metadata', 'f:finalizers', 'v:"a"'],
      ],
      deployMeta
    )
    expect(obj).to.deep.equal({ metadata: { name: 'x' } })
  })
})

describe('dropNulls()', () => {
  it('drops null members, keeps null list items', () => {
    expect(dropNulls({ a: null, b: { c: null, d: 1 }, e: [null, { f: null }] })).to.deep.equal({
      b: { d: 1 },
      e: [null, {}],
    })
  })
})
