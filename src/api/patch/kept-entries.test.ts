import { expect } from 'chai'
import { deepCopy, type KubeObject } from '../types.js'
import { retimedEntries, type UpdateId } from './kept-entries.js'
import { FieldSet } from './field-set.js'
import { encodeManagedFields, isEncodedEntry } from './managed-fields.js'
import type { PatchMeta } from './patch-meta.js'
import { recordUpdate } from './record-update.js'

// Lists keyed as a pod's are (containers by name, conditions by type), without the built-in tables.
const META: PatchMeta = {
  fields: {
    spec: {
      fields: {
        containers: { patchStrategy: 'merge', patchMergeKey: 'name' },
        tolerations: { listType: 'atomic' },
      },
    },
    status: { fields: { conditions: { patchStrategy: 'merge', patchMergeKey: 'type' } } },
  },
  zero: { metadata: { creationTimestamp: null } },
}

/** A small seeded generator (the same sequence on every run). */
function random(seed: number): (n: number) => number {
  let s = seed
  return (n) => {
    s = (s * 1103515245 + 12345) % 2 ** 31
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor((s / 2 ** 31) * n)
  }
}

/** Returns `obj` with one random change: a label, the image, a condition, a new or dropped field. */
function mutate(obj: KubeObject, pick: (n: number) => number): { next: KubeObject; sub?: string } {
  const next = deepCopy(obj) as KubeObject & { spec: any; status: any } // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (pick(8)) {
    case 0:
      next.metadata.labels = { ...next.metadata.labels, [`l${pick(3)}`]: `v${pick(3)}` }
      break
    case 1:
      next.spec.containers[0].image = `img:${pick(4)}`
      break
    case 2:
      next.spec.containers = [...next.spec.containers, { name: `c${pick(3) + 1}`, image: 'x' }]
      break
    case 3:
      if (next.spec.containers.length > 1) next.spec.containers.pop()
      else delete next.spec.containers[0].image
      break
    case 4:
      next.status = { ...next.status, phase: ['Pending', 'Running'][pick(2)] }
      return { next, sub: 'status' }
    case 5:
      next.status = {
        ...next.status,
        conditions: [{ type: ['Ready', 'Initialized'][pick(2)], status: String(pick(2) === 0) }],
      }
      return { next, sub: 'status' }
    case 6:
      if (next.status?.podIP) delete next.status.podIP
      else next.status = { ...next.status, podIP: `10.0.0.${pick(9)}` }
      return { next, sub: 'status' }
    default:
      next.spec.tolerations = pick(2) ? [{ key: 'k', operator: 'Exists' }] : undefined
  }
  return { next }
}

describe('recordUpdate() on entries the server encoded (kept-entries)', () => {
  it('writes exactly what decoding every entry writes, over 400 random writes by 4 managers', () => {
    const pick = random(17)
    const managers = ['kubectl', 'kubelet', 'controller', 'helm']
    let obj: KubeObject = recordUpdate({
      old: undefined,
      updated: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', namespace: 'n' },
        spec: { containers: [{ name: 'c0', image: 'a' }] },
        status: { phase: 'Pending' },
      },
      manager: 'kubectl',
      apiVersion: 'v1',
      now: '2024-01-01T00:00:00Z',
      meta: META,
    })
    let kept = 0
    for (let i = 0; i < 400; i++) {
      const { next, sub } = mutate(obj, pick)
      const opts = {
        updated: next,
        manager: managers[pick(managers.length)]!,
        apiVersion: 'v1',
        now: `2024-01-01T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
        meta: META,
        ...(sub ? { subresource: sub } : {}),
      }
      // A deep copy of the stored object holds no encoded entry: the general rule decodes them all.
      const general = recordUpdate({ ...opts, old: deepCopy(obj), updated: deepCopy(next) })
      const fast = recordUpdate({ ...opts, old: obj })
      expect(JSON.stringify(fast), `write ${i}`).to.equal(JSON.stringify(general))
      kept += (fast.metadata.managedFields ?? []).filter((e) =>
        (obj.metadata.managedFields ?? []).some((o) => o.fieldsV1 === e.fieldsV1)
      ).length
      obj = fast
    }
    // The comparison covered writes that kept entries as they were (not only re-encoded ones).
    expect(kept).to.be.greaterThan(100)
  })

  it('keeps the entries of managers a write does not touch, and retimes its own', () => {
    const base = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'n' },
      spec: { containers: [{ name: 'c0', image: 'a' }] },
    }
    const created = recordUpdate({
      old: undefined,
      updated: base,
      manager: 'creator',
      apiVersion: 'v1',
      now: '2024-01-01T00:00:00Z',
      meta: META,
    })
    const status = (phase: string, now: string, old: KubeObject) =>
      recordUpdate({
        old,
        updated: { ...old, status: { phase } },
        manager: 'kubelet',
        apiVersion: 'v1',
        now,
        subresource: 'status',
        meta: META,
      })
    const first = status('Pending', '2024-01-01T00:00:01Z', created)
    const second = status('Running', '2024-01-01T00:00:02Z', first)
    const [c1, k1] = first.metadata.managedFields!
    const [c2, k2] = second.metadata.managedFields!
    expect(c2).to.equal(c1)
    expect(k2!.fieldsV1).to.equal(k1!.fieldsV1)
    expect(k2!.time).to.equal('2024-01-01T00:00:02Z')
    expect(isEncodedEntry(k2)).to.equal(true)
  })

  it('does not take entries it did not encode (a client sent them, or they were copied) as kept', () => {
    const created = recordUpdate({
      old: undefined,
      updated: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { a: 1 } },
      manager: 'm',
      apiVersion: 'v1',
      now: '2024-01-01T00:00:00Z',
      meta: META,
    })
    expect(isEncodedEntry(created.metadata.managedFields![0])).to.equal(true)
    expect(isEncodedEntry(deepCopy(created).metadata.managedFields![0])).to.equal(false)
    expect(isEncodedEntry({ ...created.metadata.managedFields![0] })).to.equal(false)
  })

  describe('retimedEntries()', () => {
    const T = '2024-01-01T00:00:09Z'
    const id = {
      manager: 'kubelet',
      operation: 'Update' as const,
      apiVersion: 'v1',
      subresource: 'status',
    }
    // A pod created by `creator` whose status the kubelet wrote once (phase, one condition).
    const stored = (): KubeObject => {
      const created = recordUpdate({
        old: undefined,
        updated: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p', namespace: 'n' },
          spec: { containers: [{ name: 'c0', image: 'a' }] },
        },
        manager: 'creator',
        apiVersion: 'v1',
        now: '2024-01-01T00:00:00Z',
        meta: META,
      })
      return recordUpdate({
        old: created,
        updated: {
          ...created,
          status: { phase: 'Pending', conditions: [{ type: 'Ready', status: 'False' }] },
        },
        manager: 'kubelet',
        apiVersion: 'v1',
        now: '2024-01-01T00:00:01Z',
        subresource: 'status',
        meta: META,
      })
    }
    const status = ['metadata', 'spec']
    const run = (old: KubeObject, next: KubeObject, reset = status, who: UpdateId = id) =>
      retimedEntries(old.metadata.managedFields!, who, old, next, META, reset, T)

    it('keeps every entry and retimes the writer when it rewrites only fields it owns', () => {
      const old = stored()
      const next = {
        ...old,
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      }
      const got = run(old, next)!
      const [creator, kubelet] = old.metadata.managedFields!
      expect(got.map((e) => ('kept' in e ? e.kept : e))).to.deep.equal([
        creator,
        { ...kubelet, time: T },
      ])
      expect('kept' in got[0]! && got[0].kept).to.equal(creator)
      // Nothing changed: the writer's entry is kept with its old time.
      const same = run(old, { ...old, status: { ...(old.status as object) } })!
      expect(same.map((e) => 'kept' in e && e.kept)).to.deep.equal(old.metadata.managedFields)
    })

    it('refuses a write that gains, removes or takes a field, or has no entry of its own', () => {
      const old = stored()
      const st = old.status as Record<string, unknown>
      // A field the kubelet does not own yet.
      expect(run(old, { ...old, status: { ...st, podIP: '10.0.0.1' } })).to.equal(undefined)
      // A field removed.
      expect(run(old, { ...old, status: { conditions: st.conditions } })).to.equal(undefined)
      // A field another manager owns: `labeler` (which owns a label) changing the creator's image.
      const labeler = { manager: 'labeler', operation: 'Update' as const, apiVersion: 'v1' }
      const labeled = recordUpdate({
        old,
        updated: { ...old, metadata: { ...old.metadata, labels: { a: '1' } } },
        ...labeler,
        now: '2024-01-01T00:00:02Z',
        meta: META,
      })
      const spec = { containers: [{ name: 'c0', image: 'b' }] }
      expect(run(labeled, { ...labeled, spec }, ['status'], labeler)).to.equal(undefined)
      // A field it shares with an applier (apply co-owns fields set to the same value): the
      // applier loses it, so the entries change.
      const shared = new FieldSet([['f:spec', 'f:x']])
      const entries = encodeManagedFields([
        { manager: 'applier', operation: 'Apply', apiVersion: 'v1', time: T, fields: shared },
        { ...labeler, time: T, fields: shared },
      ])
      const x = (v: number): KubeObject => ({ ...old, spec: { x: v } })
      expect(retimedEntries(entries, labeler, x(1), x(2), META, ['status'], T)).to.equal(undefined)
      expect(
        retimedEntries(entries.slice(1), labeler, x(1), x(2), META, ['status'], T)
      ).to.not.equal(undefined)
      // Its own label it may rewrite; the creator its image.
      const relabeled = { ...labeled, metadata: { ...labeled.metadata, labels: { a: '2' } } }
      expect(run(labeled, relabeled, ['status'], labeler)).to.not.equal(undefined)
      const creator = { ...labeler, manager: 'creator' }
      expect(run(labeled, { ...labeled, spec }, ['status'], creator)).to.not.equal(undefined)
      // A writer without an entry.
      const stranger = { ...id, manager: 'someone' }
      expect(run(old, { ...old, status: { ...st, phase: 'Running' } }, status, stranger)).to.equal(
        undefined
      )
    })

    it('answers as the set-based rule in recordUpdate over the random writes above', () => {
      // recordUpdate takes retimedEntries first; the 400-write test compares it with the general
      // rule. Here: that the shortcut is taken on a good share of those writes.
      const pick = random(17)
      let obj = stored()
      let taken = 0
      for (let i = 0; i < 200; i++) {
        const { next, sub } = mutate(obj, pick)
        const who = {
          manager: ['kubelet', 'creator'][pick(2)]!,
          operation: 'Update' as const,
          apiVersion: 'v1',
          ...(sub ? { subresource: sub } : {}),
        }
        const reset = sub ? status : ['status']
        if (retimedEntries(obj.metadata.managedFields!, who, obj, next, META, reset, T)) taken++
        obj = recordUpdate({
          old: obj,
          updated: next,
          manager: who.manager,
          apiVersion: 'v1',
          now: T,
          meta: META,
          ...(sub ? { subresource: sub } : {}),
        })
      }
      expect(taken).to.be.greaterThan(20)
    })
  })
})
