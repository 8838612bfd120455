import { expect } from 'chai'
import { listJson, objectJson } from './object-json.js'

describe('objectJson() and listJson()', () => {
  const pods = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { 'x/y': 'ü "q"' } } },
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: { n: [1, null, true] } },
  ]
  const head = { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '7' } }

  it('writes exactly what JSON.stringify writes, for a list and for each object', () => {
    expect(listJson(head, pods).toString()).to.equal(JSON.stringify({ ...head, items: pods }))
    expect(listJson(head, []).toString()).to.equal(JSON.stringify({ ...head, items: [] }))
    expect(objectJson(pods[0]!).toString()).to.equal(JSON.stringify(pods[0]))
  })

  it('keeps the JSON of one stored object, and computes a new object afresh', () => {
    const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'c' } }
    const first = objectJson(obj)
    // Stored objects never change in place; this shows the cache is what answers the second time.
    obj.metadata.name = 'changed'
    expect(objectJson(obj)).to.equal(first)
    expect(objectJson({ ...obj, metadata: { name: 'changed' } }).toString()).to.include('"changed"')
  })
})
