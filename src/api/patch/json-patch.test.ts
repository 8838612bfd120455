import { expect } from 'chai'
import { isStatusError } from '../errors.js'
import { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js'

const pod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'p',
    labels: { app: 'web', 'app.kubernetes.io/name': 'web' },
    annotations: { 'a~b': 'x' },
  },
  spec: { containers: [{ name: 'main', image: 'nginx:1.14' }], tolerations: [] as unknown[] },
})

describe('applyJsonPatch()', () => {
  const cases: { name: string; ops: unknown[]; check: (out: ReturnType<typeof pod>) => void }[] = [
    {
      name: 'replace a container image by index',
      ops: [{ op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.15' }],
      check: (o) => expect(o.spec.containers[0].image).to.equal('nginx:1.15'),
    },
    {
      name: 'add a label whose key has a "/" (~1 escape)',
      ops: [{ op: 'add', path: '/metadata/labels/istio-injection~1enabled', value: 'true' }],
      check: (o) => expect(o.metadata.labels).to.have.property('istio-injection/enabled', 'true'),
    },
    {
      name: 'remove an annotation whose key has a "~" (~0 escape)',
      ops: [{ op: 'remove', path: '/metadata/annotations/a~0b' }],
      check: (o) => expect(o.metadata.annotations).to.deep.equal({}),
    },
    {
      name: 'append with "-"',
      ops: [{ op: 'add', path: '/spec/tolerations/-', value: { key: 'k', operator: 'Exists' } }],
      check: (o) => expect(o.spec.tolerations).to.deep.equal([{ key: 'k', operator: 'Exists' }]),
    },
    {
      name: 'insert before an index',
      ops: [{ op: 'add', path: '/spec/containers/0', value: { name: 'first', image: 'busybox' } }],
      check: (o) => expect(o.spec.containers.map((c) => c.name)).to.deep.equal(['first', 'main']),
    },
    {
      name: 'move a label',
      ops: [{ op: 'move', from: '/metadata/labels/app', path: '/metadata/labels/tier' }],
      check: (o) =>
        expect(o.metadata.labels).to.deep.equal({ 'app.kubernetes.io/name': 'web', tier: 'web' }),
    },
    {
      name: 'copy a container (a deep copy)',
      ops: [
        { op: 'copy', from: '/spec/containers/0', path: '/spec/containers/-' },
        { op: 'replace', path: '/spec/containers/1/name', value: 'copy' },
      ],
      check: (o) => expect(o.spec.containers.map((c) => c.name)).to.deep.equal(['main', 'copy']),
    },
    {
      name: 'test then replace (optimistic update)',
      ops: [
        { op: 'test', path: '/spec/containers/0/image', value: 'nginx:1.14' },
        { op: 'replace', path: '/spec/containers/0/image', value: 'nginx:1.15' },
      ],
      check: (o) => expect(o.spec.containers[0].image).to.equal('nginx:1.15'),
    },
    {
      name: 'test null against a missing member passes (evanphx v4)',
      ops: [{ op: 'test', path: '/metadata/deletionTimestamp', value: null }],
      check: (o) => expect(o.metadata.name).to.equal('p'),
    },
  ]
  for (const c of cases) {
    it(c.name, () => c.check(applyJsonPatch(pod(), c.ops) as ReturnType<typeof pod>))
  }

  it('does not modify its input', () => {
    const doc = pod()
    applyJsonPatch(doc, [{ op: 'remove', path: '/metadata/labels' }])
    expect(doc.metadata.labels.app).to.equal('web')
  })

  it('treats a null body as no operations', () => {
    expect(applyJsonPatch(pod(), null)).to.deep.equal(pod())
  })

  const malformed: { name: string; ops: unknown; message: string }[] = [
    {
      name: 'an object body',
      ops: { op: 'add' },
      message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    },
    {
      name: 'a string operation',
      ops: ['add'],
      message: 'json: cannot unmarshal string into Go value of type jsonpatch.Operation',
    },
  ]
  for (const c of malformed) {
    it(`answers 400 BadRequest to ${c.name}`, () => {
      expect(() => applyJsonPatch(pod(), c.ops))
        .to.throw()
        .that.satisfies((e: unknown) => {
          return isStatusError(e, 'BadRequest') && e.code === 400 && e.message === c.message
        })
    })
  }

  const failing: { name: string; ops: unknown[] }[] = [
    { name: 'an unknown op', ops: [{ op: 'merge', path: '/spec', value: {} }] },
    { name: 'an op without path', ops: [{ op: 'remove' }] },
    { name: 'a path without leading slash', ops: [{ op: 'remove', path: 'spec' }] },
    { name: 'removing a missing member', ops: [{ op: 'remove', path: '/metadata/labels/nope' }] },
    {
      name: 'replacing a missing member',
      ops: [{ op: 'replace', path: '/spec/nodeName', value: 'n1' }],
    },
    {
      name: 'adding under a missing parent',
      ops: [{ op: 'add', path: '/status/phase', value: 'Running' }],
    },
    { name: 'an index past the end', ops: [{ op: 'add', path: '/spec/containers/5', value: {} }] },
    {
      name: 'an index with a leading zero',
      ops: [{ op: 'replace', path: '/spec/containers/00/name', value: 'x' }],
    },
    { name: 'removing "-"', ops: [{ op: 'remove', path: '/spec/containers/-' }] },
    {
      name: 'a failed test',
      ops: [{ op: 'test', path: '/spec/containers/0/image', value: 'nginx:1.13' }],
    },
    { name: 'add without value', ops: [{ op: 'add', path: '/metadata/labels/x' }] },
    {
      name: 'moving a value into its own child',
      ops: [{ op: 'move', from: '/spec', path: '/spec/x' }],
    },
    { name: 'a null operation', ops: [null] },
  ]
  for (const c of failing) {
    it(`answers 422 Invalid to ${c.name}`, () => {
      expect(() => applyJsonPatch(pod(), c.ops))
        .to.throw()
        .that.satisfies((e: unknown) => {
          return (
            isStatusError(e, 'Invalid') &&
            e.code === 422 &&
            e.message === 'the server rejected our request due to an error in our request'
          )
        })
    })
  }

  it('answers 413 past the operation limit', () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({
      op: 'test',
      path: '/kind',
      value: 'Pod',
    }))
    expect(() => applyJsonPatch(pod(), ops)).to.throw(
      /The allowed maximum operations in a JSON patch is 10000, got 10001/
    )
  })
})
