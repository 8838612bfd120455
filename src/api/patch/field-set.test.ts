import { expect } from 'chai'
import { FieldSet, pathString } from './field-set.js'

describe('FieldSet', () => {
  const fieldsV1 = {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': {
      'f:replicas': {},
      'f:template': {
        'f:spec': {
          'f:containers': {
            'k:{"name":"web"}': {
              '.': {},
              'f:image': {},
              'f:ports': {
                'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
              },
            },
          },
        },
      },
    },
  }

  it('decodes FieldsV1: leaves and "." are members, intermediate maps are not', () => {
    const set = FieldSet.fromFieldsV1(fieldsV1)
    expect(set.has(['f:spec', 'f:replicas'])).to.equal(true)
    expect(set.has(['f:metadata', 'f:labels'])).to.equal(true)
    expect(set.has(['f:spec'])).to.equal(false)
    expect(
      set.has(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"web"}'])
    ).to.equal(true)
    expect(set.size).to.equal(7)
  })

  it('encodes back to the same FieldsV1, children sorted (fields before keys)', () => {
    const set = FieldSet.fromFieldsV1(fieldsV1)
    expect(JSON.stringify(set.toFieldsV1())).to.equal(JSON.stringify(fieldsV1))
  })

  it('sorts set values numerically and fields before items', () => {
    const set = new FieldSet([['f:list', 'v:10'], ['f:list', 'v:9'], ['f:a']])
    expect(Object.keys(set.toFieldsV1()['f:list'] as object)).to.deep.equal(['v:9', 'v:10'])
    expect(set.paths()[0]).to.deep.equal(['f:a'])
  })

  it('computes union, difference, intersection and subtrees', () => {
    const a = new FieldSet([
      ['f:spec', 'f:replicas'],
      ['f:status', 'f:replicas'],
      ['f:status', 'f:conditions'],
    ])
    const b = new FieldSet([
      ['f:spec', 'f:replicas'],
      ['f:spec', 'f:paused'],
    ])
    expect(a.union(b).size).to.equal(4)
    expect(a.difference(b).paths()).to.deep.equal([
      ['f:status', 'f:conditions'],
      ['f:status', 'f:replicas'],
    ])
    expect(a.intersection(b).paths()).to.deep.equal([['f:spec', 'f:replicas']])
    expect(a.withoutSubtree(['f:status']).paths()).to.deep.equal([['f:spec', 'f:replicas']])
    expect(a.hasDescendant(['f:status'])).to.equal(true)
    expect(a.hasDescendant(['f:spec', 'f:replicas'])).to.equal(false)
  })

  it('prints paths as structured-merge-diff does', () => {
    expect(pathString(['f:spec', 'f:replicas'])).to.equal('.spec.replicas')
    expect(
      pathString(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"web"}', 'f:image'])
    ).to.equal('.spec.template.spec.containers[name="web"].image')
    expect(pathString(['f:spec', 'f:ports', 'k:{"port":80,"protocol":"TCP"}'])).to.equal(
      '.spec.ports[port=80,protocol="TCP"]'
    )
    expect(pathString(['f:metadata', 'f:finalizers', 'v:"a"'])).to.equal(
      '.metadata.finalizers[="a"]'
    )
  })
})
