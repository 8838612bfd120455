import { isObject, type Obj } from '../../api/types.js'
import type { RecordedWrite } from './write-recorder.js'

/**
 * One instant of a golden case: the Events and the pod writes the kubelet sent at that simulated
 * time. Events and pod writes are kept apart because the kubelet sends them on separate channels
 * (the event broadcaster and the status manager) with no order between them; within each list the
 * order is the order the kubelet sent them in.
 */
export interface GoldenStep {
  /** Simulated seconds since the pod was created (`12.3s`). */
  at: string
  /** `<type> <reason> <fieldPath>: <message>`, with ` (count N)` for a repeat. */
  events?: string[]
  /** Pod writes: verb, subresource, patch type, body (or delete options). */
  writes?: Obj[]
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/
const CONTAINER_ID = /^docker:\/\/[0-9a-f]{64}$/

/**
 * Turns recorded writes into golden steps. Volatile values become placeholders: timestamps are
 * `<t0+Ns>` (seconds since the pod's creation at `t0Ms`), the pod's UID `<pod-uid>`, and container
 * IDs `docker://<name#k>` (the k-th instance of container `name` seen in the case). Pod IPs, image
 * IDs and messages are deterministic and kept as written.
 */
export function goldenSteps(
  writes: readonly RecordedWrite[],
  t0Ms: number,
  podUid: string
): GoldenStep[] {
  const ids = new Map<string, string>()
  const perName = new Map<string, number>()
  const idFor = (id: string, name: string) => {
    let label = ids.get(id)
    if (!label) {
      const k = (perName.get(name) ?? 0) + 1
      perName.set(name, k)
      label = `docker://<${name}#${k}>`
      ids.set(id, label)
    }
    return label
  }
  const norm = (v: unknown, container?: string): unknown => {
    if (typeof v === 'string') {
      if (RFC3339.test(v)) return `<t0${signed((Date.parse(v) - t0Ms) / 1000)}s>`
      if (CONTAINER_ID.test(v)) return idFor(v, container ?? 'unknown')
      return podUid ? v.split(podUid).join('<pod-uid>') : v
    }
    if (Array.isArray(v)) return v.map((x) => norm(x, container))
    if (!isObject(v)) return v
    // A container status names the container its IDs belong to.
    const owner = typeof v.name === 'string' && 'restartCount' in v ? v.name : container
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x, owner)]))
  }
  const steps: GoldenStep[] = []
  let last: { atMs: number; step: GoldenStep } | undefined
  for (const w of writes) {
    if (!last || last.atMs !== w.atMs) {
      last = { atMs: w.atMs, step: { at: `${(w.atMs - t0Ms) / 1000}s` } }
      steps.push(last.step)
    }
    const { step } = last
    if (w.channel === 'event') (step.events ??= []).push(norm(eventLine(w)) as string)
    else
      (step.writes ??= []).push(norm({ ...w.write, ...(w.error ? { error: w.error } : {}) }) as Obj)
  }
  // Events first, as the placement in a step carries no order between the two lists.
  return steps.map((s) => ({
    at: s.at,
    ...(s.events ? { events: s.events } : {}),
    ...(s.writes ? { writes: s.writes } : {}),
  }))
}

function signed(n: number): string {
  return n < 0 ? String(n) : `+${n}`
}

function eventLine(w: RecordedWrite): string {
  const e = w.write
  const where = e.fieldPath ? ` ${String(e.fieldPath)}` : ''
  const count = typeof e.count === 'number' && e.count > 1 ? ` (count ${e.count})` : ''
  const failed = w.error ? ` [write failed: ${w.error}]` : ''
  return `${String(e.type)} ${String(e.reason)}${where}: ${String(e.message)}${count}${failed}`
}
