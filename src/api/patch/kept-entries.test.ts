import { expect } from 'chai'
import { deepCopy, type KubeObject } from '../types.js'
import { isEncodedEntry } from './managed-fields.js'
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
})
