import { expect } from 'chai'
import type { Pod, Toleration } from './core-types.js'
import { asObject, deepCopy, objectField, objectItems, objectKey, rfc3339 } from './types.js'

describe('deepCopy', () => {
  it('copies nested objects and arrays so that changing the copy leaves the original alone', () => {
    const pod = {
      metadata: { labels: { app: 'a' } },
      spec: { containers: [{ name: 'c', args: ['x'] }] },
    }
    const copy = deepCopy(pod)
    expect(copy).to.deep.equal(pod)
    copy.metadata.labels.app = 'b'
    copy.spec.containers[0]!.args.push('y')
    expect(pod.metadata.labels.app).to.equal('a')
    expect(pod.spec.containers[0]!.args).to.deep.equal(['x'])
  })

  it('keeps primitives, null and undefined members as they are', () => {
    const v = { n: 1, s: 's', b: false, z: null, u: undefined, a: [null, 2] }
    const copy = deepCopy(v)
    expect(copy).to.deep.equal(v)
    expect(Object.hasOwn(copy, 'u')).to.equal(true)
    expect(deepCopy(7)).to.equal(7)
    expect(deepCopy(null)).to.equal(null)
  })

  it('keeps a "__proto__" key of parsed JSON as data, never as the prototype', () => {
    const parsed = JSON.parse('{"metadata":{"__proto__":{"polluted":true}}}') as {
      metadata: Record<string, unknown>
    }
    const copy = deepCopy(parsed)
    expect(Object.getPrototypeOf(copy.metadata)).to.equal(Object.prototype)
    expect(Object.keys(copy.metadata)).to.deep.equal(['__proto__'])
    expect(JSON.stringify(copy)).to.equal(JSON.stringify(parsed))
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined)
  })

  it('copies byte arrays, also a Buffer that is a view into a larger one', () => {
    const big = Buffer.from('xxhello')
    const view = big.subarray(2)
    const copy = deepCopy({ data: view }).data
    expect(Buffer.from(copy).toString()).to.equal('hello')
    big[2] = 0x4a
    expect(Buffer.from(copy).toString()).to.equal('hello')
  })
})

describe('asObject / objectKey / rfc3339', () => {
  it('returns a plain object as it is and {} for anything else (negative: arrays and null)', () => {
    const spec = { nodeName: 'n' }
    expect(asObject(spec)).to.equal(spec)
    expect(asObject([1])).to.deep.equal({})
    expect(asObject(null)).to.deep.equal({})
    expect(asObject(undefined)).to.deep.equal({})
  })

  it('keys namespaced objects namespace/name and cluster-scoped ones by name', () => {
    expect(objectKey({ metadata: { namespace: 'ns', name: 'a' } })).to.equal('ns/a')
    expect(objectKey({ metadata: { name: 'node-1' } })).to.equal('node-1')
  })

  it('writes metav1.Time with whole seconds', () => {
    expect(rfc3339(new Date('2018-11-24T00:00:01.999Z'))).to.equal('2018-11-24T00:00:01Z')
  })
})

describe('objectField / objectItems', () => {
  it('return typed fields and list items that are objects', () => {
    const pod: Pod = {
      metadata: { name: 'p' },
      spec: { tolerations: [{ key: 'k', operator: 'Exists' }], affinity: {} },
    }
    const tolerations: Toleration[] = objectItems(pod.spec?.tolerations)
    expect(tolerations).to.deep.equal([{ key: 'k', operator: 'Exists' }])
    expect(objectField(pod.spec?.affinity)).to.equal(pod.spec?.affinity)
  })

  it('read mistyped stored values as absent (negative: strings, arrays, null items)', () => {
    const pod = {
      metadata: {},
      spec: { tolerations: [null, 'x', { key: 'k' }], affinity: ['a'] },
    } as unknown as Pod
    expect(objectItems(pod.spec?.tolerations)).to.deep.equal([{ key: 'k' }])
    expect(objectItems('x' as unknown as Toleration[])).to.deep.equal([])
    expect(objectField(pod.spec?.affinity)).to.equal(undefined)
    expect(objectField(undefined)).to.equal(undefined)
  })
})
