import { expect } from 'chai'
import { patchMetaFor } from './builtin-patch-meta.js'
import { compareObjects, itemElement, toFieldSet } from './field-walk.js'
import { FieldSet } from './field-set.js'

const podMeta = patchMetaFor('v1', 'Pod')
const portsMeta = podMeta?.fields?.spec.fields?.containers.fields?.ports

describe('itemElement()', () => {
  const cases: [name: string, item: unknown, expected: string | undefined][] = [
    [
      'a keyed item, key default filled in',
      { containerPort: 80 },
      'k:{"containerPort":80,"protocol":"TCP"}',
    ],
    [
      'a keyed item with its keys',
      { protocol: 'UDP', containerPort: 53 },
      'k:{"containerPort":53,"protocol":"UDP"}',
    ],
    ['an item without its key', { name: 'http' }, undefined],
  ]
  for (const [name, item, expected] of cases) {
    it(name, () => expect(itemElement(item, portsMeta)).to.equal(expected))
  }

  it('addresses set items by value and atomic list items not at all', () => {
    expect(itemElement('kubernetes', { patchStrategy: 'merge' })).to.equal('v:"kubernetes"')
    expect(itemElement({ key: 'x' }, undefined)).to.equal(undefined)
  })
})

describe('toFieldSet()', () => {
  it('lists leaves, keyed items and empty objects, not intermediate objects', () => {
    const set = toFieldSet(
      {
        metadata: { labels: { a: 'b' } },
        spec: { containers: [{ name: 'c', resources: {} }], tolerations: [{ key: 'x' }] },
      },
      podMeta
    )
    expect(set.paths().map((p) => p.join(' '))).to.deep.equal([
      'f:metadata f:labels f:a',
      'f:spec f:containers k:{"name":"c"}',
      'f:spec f:containers k:{"name":"c"} f:name',
      'f:spec f:containers k:{"name":"c"} f:resources',
      'f:spec f:tolerations',
    ])
  })
})

describe('compareObjects()', () => {
  it('files each path under the key a set made from the same paths has for it', () => {
    const meta = patchMetaFor('v1', 'Pod')
    const before = { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'x' }] } }
    const after = {
      metadata: { name: 'p', labels: { app: 'a', tier: 'b' } },
      spec: {
        containers: [
          { name: 'a', image: 'y', ports: [{ containerPort: 80, protocol: 'TCP' }] },
          { name: 'b', image: 'z' },
        ],
        nodeName: 'n',
      },
      status: { phase: 'Running' },
    }
    const { added, modified } = compareObjects(before, after, meta)
    for (const set of [added, modified]) {
      const paths = set.paths()
      expect(paths.length).to.be.greaterThan(0)
      for (const p of paths) expect(set.has(p), JSON.stringify(p)).to.equal(true)
      expect(set.difference(new FieldSet(paths)).size).to.equal(0)
      expect(new FieldSet(paths).difference(set).size).to.equal(0)
    }
    expect(added.has(['f:metadata', 'f:labels', 'f:tier'])).to.equal(true)
    expect(added.has(['f:spec', 'f:nodeName'])).to.equal(true)
    expect(modified.has(['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:image'])).to.equal(true)
  })

  it('reports added, modified and removed fields and nodes', () => {
    const before = {
      spec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ],
      },
    }
    const after = {
      spec: {
        containers: [
          { name: 'a', image: 'z' },
          { name: 'c', image: 'y' },
        ],
      },
      status: { phase: 'Running' },
    }
    const { added, modified, removed } = compareObjects(before, after, podMeta)
    const show = (s: typeof added): string[] => s.paths().map((p) => p.join(' '))
    expect(show(modified)).to.deep.equal(['f:spec f:containers k:{"name":"a"} f:image'])
    expect(show(added)).to.deep.equal([
      'f:spec f:containers k:{"name":"c"}',
      'f:spec f:containers k:{"name":"c"} f:image',
      'f:spec f:containers k:{"name":"c"} f:name',
      'f:status',
      'f:status f:phase',
    ])
    expect(show(removed)).to.deep.equal([
      'f:spec f:containers k:{"name":"b"}',
      'f:spec f:containers k:{"name":"b"} f:image',
      'f:spec f:containers k:{"name":"b"} f:name',
    ])
  })

  it('finds no difference between equal objects', () => {
    const obj = { spec: { containers: [{ name: 'a' }] } }
    const diff = compareObjects(obj, structuredClone(obj), podMeta)
    expect(diff.added.isEmpty() && diff.modified.isEmpty() && diff.removed.isEmpty()).to.equal(true)
  })
})
