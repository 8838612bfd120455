import { expect } from 'chai'
import { isStatusError } from '../errors.js'
import { patchMetaFor } from './builtin-patch-meta.js'
import { applyStrategicMergePatch } from './strategic-merge-patch.js'
import type { Json } from '../../testing/api/patch-fixtures.js'

const deployMeta = patchMetaFor('apps/v1', 'Deployment')

const deployment = (): Json => ({
  metadata: { name: 'web', finalizers: ['a', 'b'] },
  spec: {
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
    template: {
      spec: {
        containers: [
          { name: 'web', image: 'nginx' },
          { name: 'side', image: 'busybox' },
        ],
        nodeSelector: { disk: 'ssd' },
      },
    },
  },
})

describe('strategic merge patch failures', () => {
  const spec = (podSpecPatch: Json): Json => ({ spec: { template: { spec: podSpecPatch } } })
  const cases: { name: string; patch: unknown; code: number; message: string | RegExp }[] = [
    {
      name: 'a body that is a list',
      patch: [{}],
      code: 400,
      message: 'json: cannot unmarshal array into Go value of type map[string]interface {}',
    },
    {
      name: '$retainKeys that misses a patched field',
      patch: {
        spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: {} } },
      },
      code: 400,
      message: 'invalid patch format of retainKeys',
    },
    {
      name: '$retainKeys that is not a list',
      patch: { spec: { strategy: { $retainKeys: 'type' } } },
      code: 400,
      message: 'invalid patch format of retainKeys',
    },
    {
      name: 'a $setElementOrder key without field',
      patch: { metadata: { $setElementOrder: ['a'] } },
      code: 400,
      message: 'invalid patch format of setElementOrder list',
    },
    {
      name: 'a $deleteFromPrimitiveList key without field',
      patch: { metadata: { $deleteFromPrimitiveList: ['a'] } },
      code: 400,
      message: 'invalid patch format of primitive list',
    },
    {
      name: 'a list of lists',
      patch: { metadata: { finalizers: [['a']] } },
      code: 422,
      message: 'the server rejected our request due to an error in our request',
    },
    {
      name: '$patch: merge in a list',
      patch: spec({ containers: [{ $patch: 'merge' }] }),
      code: 500,
      message: 'merging lists cannot yet be specified in the patch',
    },
    {
      name: 'an unknown $patch in a map',
      patch: spec({ nodeSelector: { $patch: 'foo' } }),
      code: 500,
      message: 'unknown patch type: foo in map: map[$patch:foo]',
    },
    {
      name: 'a list item without its merge key',
      patch: spec({ containers: [{ image: 'x' }] }),
      code: 500,
      message: 'map: map[image:x] does not contain declared merge key: name',
    },
    {
      name: 'mixed item types in a merging list',
      patch: { metadata: { finalizers: [1] } },
      code: 500,
      message: /^list element types are not identical/,
    },
    {
      name: 'a patch list out of $setElementOrder order',
      patch: spec({
        '$setElementOrder/containers': [{ name: 'web' }],
        containers: [{ name: 'side', image: 'x' }],
      }),
      code: 500,
      message: /^The order in patch list:/,
    },
  ]
  for (const c of cases) {
    it(`answers ${c.code} to ${c.name}`, () => {
      expect(() => applyStrategicMergePatch(deployment(), c.patch, deployMeta))
        .to.throw()
        .that.satisfies((e: unknown) => {
          if (!isStatusError(e) || e.code !== c.code) return false
          return typeof c.message === 'string' ? e.message === c.message : c.message.test(e.message)
        })
    })
  }
})
