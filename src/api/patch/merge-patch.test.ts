import { expect } from 'chai'
import { isStatusError } from '../errors.js'
import { applyMergePatch } from './merge-patch.js'

const ns = () => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'onap', labels: { team: 'a' }, annotations: { note: 'x' } },
  spec: { finalizers: ['kubernetes'] },
})

describe('applyMergePatch()', () => {
  const cases: {
    name: string
    patch: Record<string, unknown>
    expected: Record<string, unknown>
  }[] = [
    {
      name: 'kubectl label namespace onap istio-injection=enabled',
      patch: { metadata: { labels: { 'istio-injection': 'enabled' } } },
      expected: {
        ...ns(),
        metadata: { ...ns().metadata, labels: { team: 'a', 'istio-injection': 'enabled' } },
      },
    },
    {
      name: 'kubectl label namespace onap team- (null deletes)',
      patch: { metadata: { labels: { team: null } } },
      expected: { ...ns(), metadata: { ...ns().metadata, labels: {} } },
    },
    {
      name: 'arrays replace instead of merging',
      patch: { spec: { finalizers: ['other'] } },
      expected: { ...ns(), spec: { finalizers: ['other'] } },
    },
    {
      name: 'nulls nested in an added object are dropped',
      patch: { status: { phase: 'Active', conditions: null } },
      expected: { ...ns(), status: { phase: 'Active' } },
    },
    {
      name: 'a scalar replaces an object',
      patch: { spec: 'x' },
      expected: { ...ns(), spec: 'x' },
    },
    {
      name: 'deleting a missing key is a no-op',
      patch: { metadata: { labels: { nope: null } } },
      expected: ns(),
    },
  ]
  for (const c of cases) {
    it(c.name, () => expect(applyMergePatch(ns(), c.patch)).to.deep.equal(c.expected))
  }

  it('kubectl scale body on a Scale object', () => {
    const scale = {
      apiVersion: 'autoscaling/v1',
      kind: 'Scale',
      metadata: { name: 'd1' },
      spec: { replicas: 1 },
    }
    expect(applyMergePatch(scale, { spec: { replicas: 2 } })).to.deep.include({
      spec: { replicas: 2 },
    })
  })

  it('does not modify its inputs', () => {
    const doc = ns()
    const patch = { metadata: { labels: { team: null } } }
    applyMergePatch(doc, patch)
    expect(doc.metadata.labels.team).to.equal('a')
    expect(patch.metadata.labels.team).to.equal(null)
  })

  for (const bad of [null, 'x', 3, [1, 2]]) {
    it(`answers 400 Invalid JSON Patch to ${JSON.stringify(bad)}`, () => {
      expect(() => applyMergePatch(ns(), bad))
        .to.throw()
        .that.satisfies((e: unknown) => {
          return isStatusError(e, 'BadRequest') && e.message === 'Invalid JSON Patch'
        })
    })
  }
})
