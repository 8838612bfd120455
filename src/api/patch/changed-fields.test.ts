import { expect } from 'chai'
import type { JsonObject, KubeObject } from '../types.js'
import { mulberry32 } from '../../testing/apiserver/mulberry32.js'
import { patchMetaFor } from './builtin-patch-meta.js'
import { changedFieldsV1 } from './changed-fields.js'
import { compareObjects } from './field-walk.js'
import { ownableFields } from './managed-fields.js'
import type { PatchMeta } from './patch-meta.js'
import { recordUpdate } from './record-update.js'
import { defaultResetFields } from './server-side-apply.js'

// The set-based rule changedFieldsV1 must agree with: compare, keep the ownable fields, encode.
function reference(
  before: unknown,
  after: unknown,
  meta: PatchMeta | undefined,
  reset: readonly string[]
): JsonObject | undefined {
  const diff = compareObjects(before, after, meta, true)
  const changed = ownableFields(diff.added.union(diff.modified), reset)
  return changed.isEmpty() ? undefined : changed.toFieldsV1()
}

const pod = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    generateName: 'd0-5d8f7c-',
    name: 'd0-5d8f7c-abcde',
    namespace: 'bench',
    uid: 'u-pod',
    creationTimestamp: '2024-05-01T10:00:00Z',
    labels: { app: 'd0', 'pod-template-hash': '5d8f7c' },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'd0-5d8f7c',
        uid: 'u-rs',
        controller: true,
      },
    ],
    finalizers: ['a', 'b'],
  },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'k8s.gcr.io/pause:3.1',
        ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
        resources: { requests: { cpu: '10m', memory: '16Mi' } },
        env: [{ name: 'A', value: null }],
      },
    ],
    tolerations: [{ key: 'k', operator: 'Exists' }],
    nodeSelector: {},
    restartPolicy: 'Always',
  },
  status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True' }] },
})

const event = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'd0.1', namespace: 'bench' },
  involvedObject: { kind: 'Pod', name: 'd0', namespace: 'bench', uid: 'u-pod' },
  reason: 'Scheduled',
  message: 'Successfully assigned bench/d0 to w1',
  source: { component: 'default-scheduler' },
  firstTimestamp: '2024-05-01T10:00:00Z',
  count: 1,
  type: 'Normal',
})

/** Returns a random JSON value of bounded depth (keys from a small alphabet, so sides overlap). */
function randomValue(rand: () => number, depth: number): unknown {
  const r = rand()
  if (depth <= 0 || r < 0.35) {
    const leaves = [null, 0, 1, 'x', 'y', true, false, {}, []]
    return leaves[Math.floor(rand() * leaves.length)]
  }
  if (r < 0.55) {
    const n = Math.floor(rand() * 4)
    return Array.from({ length: n }, () =>
      rand() < 0.5
        ? { name: ['a', 'b', 'c'][Math.floor(rand() * 3)], v: randomValue(rand, depth - 1) }
        : randomValue(rand, depth - 1)
    )
  }
  const out: Record<string, unknown> = {}
  for (const k of ['spec', 'status', 'metadata', 'containers', 'finalizers', 'name', 'z', 'ports'])
    if (rand() < 0.4) out[k] = randomValue(rand, depth - 1)
  return out
}

describe('changedFieldsV1()', () => {
  const podMeta = patchMetaFor('v1', 'Pod')
  const eventMeta = patchMetaFor('v1', 'Event')

  it('encodes a create as the set-based rule does (pod, event; zero values, keyed lists, sets)', () => {
    for (const [obj, meta] of [
      [pod(), podMeta],
      [event(), eventMeta],
      [pod(), undefined],
    ] as const) {
      const before = meta?.zero ?? {}
      for (const reset of [defaultResetFields(meta), [], ['metadata', 'spec']]) {
        const got = changedFieldsV1(before, obj, meta, reset)
        expect(got).to.deep.equal(reference(before, obj, meta, reset))
        // Same keys in the same order: FieldsV1 is served as JSON.
        expect(JSON.stringify(got)).to.equal(JSON.stringify(reference(before, obj, meta, reset)))
      }
    }
  })

  it('finds modified fields and skips removed ones, as the set-based rule does', () => {
    const before = pod()
    const after = pod()
    const spec = after.spec as Record<string, unknown>
    spec.containers = [{ name: 'app', image: 'pause:3.2' }]
    delete spec.tolerations
    ;(after.status as { phase: string }).phase = 'Running'
    for (const reset of [['status'], ['metadata', 'spec']]) {
      const got = changedFieldsV1(before, after, podMeta, reset)
      expect(JSON.stringify(got)).to.equal(JSON.stringify(reference(before, after, podMeta, reset)))
    }
    expect(changedFieldsV1(before, after, podMeta, ['status'])).to.deep.equal({
      'f:spec': { 'f:containers': { 'k:{"name":"app"}': { 'f:image': {} } } },
    })
  })

  it('returns undefined when nothing ownable changed', () => {
    expect(changedFieldsV1(pod(), pod(), podMeta, ['status'])).to.equal(undefined)
    const renamed = pod()
    renamed.metadata.uid = 'other'
    renamed.metadata.resourceVersion = '9'
    expect(changedFieldsV1(pod(), renamed, podMeta, ['status'])).to.equal(undefined)
  })

  it('agrees with the set-based rule on 2,000 random pairs of objects', () => {
    const rand = mulberry32(17)
    let nonEmpty = 0
    for (let i = 0; i < 2000; i++) {
      const before = i % 3 === 0 ? {} : randomValue(rand, 4)
      const after = randomValue(rand, 4)
      const meta = i % 2 === 0 ? podMeta : undefined
      const reset = i % 5 === 0 ? [] : ['status']
      const want = reference(before, after, meta, reset)
      const got = changedFieldsV1(before, after, meta, reset)
      expect(JSON.stringify(got), `case ${i}`).to.equal(JSON.stringify(want))
      if (want !== undefined) nonEmpty++
    }
    // The cases are not all trivial.
    expect(nonEmpty).to.be.greaterThan(1000)
  })

  it('a create through recordUpdate stores the entry the set-based rule encodes', () => {
    const obj = recordUpdate({
      old: undefined,
      updated: pod(),
      manager: 'kube-controller-manager',
      apiVersion: 'v1',
      now: '2024-05-01T10:00:00Z',
    })
    const entry = obj.metadata.managedFields?.[0]
    expect(obj.metadata.managedFields).to.have.length(1)
    expect(Object.keys(entry ?? {})).to.deep.equal([
      'manager',
      'operation',
      'apiVersion',
      'time',
      'fieldsType',
      'fieldsV1',
    ])
    expect(entry?.fieldsV1).to.deep.equal(reference(podMeta?.zero, pod(), podMeta, ['status']))
    // A create of nothing ownable leaves no managedFields at all.
    const bare = recordUpdate({
      old: undefined,
      updated: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', managedFields: [] } },
      manager: 'm',
      apiVersion: 'v1',
      now: '2024-05-01T10:00:00Z',
    })
    expect(bare.metadata).to.not.have.property('managedFields')
  })
})
