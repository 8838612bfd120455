import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import type { Node as YamlNode } from 'yaml'
import { parseAppOverrides, type AppOverride } from '../../apps/index.js'
import { isObject } from '../../api/types.js'
import { ConfigFileError, type ConfigProblem } from '../../cluster/index.js'

/** What one scheduled entry does. */
export type ScheduleAction =
  | { kind: 'powerOff'; node: string }
  | { kind: 'powerOn'; node: string }
  | { kind: 'deletePod'; namespace: string; name?: string; selector?: string }
  | {
      kind: 'scale'
      namespace: string
      resource: 'deployments' | 'statefulsets'
      name: string
      replicas: number
    }
  | { kind: 'app'; override: AppOverride }

/** One entry of a scenario's `schedule:`: an action at a wall-clock offset from the lab being up. */
export interface ScheduleEntry {
  /** Its place in the file's list (0-based): what a snapshot records of it. */
  index: number
  /** The line of the entry in the scenario file. */
  line: number
  /** Wall-clock ms after the lab is up (not scaled by the time factor). */
  atMs: number
  /** A label (`name:`, or the action's field name). */
  name: string
  action: ScheduleAction
}

const ACTIONS = ['powerOff', 'powerOn', 'deletePod', 'scale', 'app'] as const
const FIELDS = new Set<string>(['at', 'name', ...ACTIONS])
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/**
 * Returns the ms of a duration: a number of seconds, or Go's form (`10s`, `1m30s`, `500ms`,
 * `1.5h`); undefined when it is neither or negative.
 */
export function parseDuration(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v * 1000 : undefined
  if (typeof v !== 'string' || !/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(v)) return undefined
  let ms = 0
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!
  return ms
}

/**
 * Returns the `schedule:` entries of a scenario file's text, in the order they run (by `at`, then
 * file order). Each entry takes `at` (a duration), an optional `name` and exactly one action:
 * `powerOff: <node>`, `powerOn: <node>`, `deletePod: {namespace, name | selector}`,
 * `scale: {namespace, deployment | statefulSet, replicas}` or `app:` (an `apps:` change without
 * `afterSeconds`). Throws a ConfigFileError naming file, line and field of every bad one.
 */
export function parseSchedule(text: string, source: string): ScheduleEntry[] {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter })
  const lineOf = (path: (string | number)[]): number => {
    let node: unknown = doc.contents
    let line = 1
    for (const key of path) {
      if (isSeq(node) && typeof key === 'number') node = node.items[key]
      else if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key)
        if (!pair) break
        const k = pair.key as YamlNode
        if (k.range) line = lineCounter.linePos(k.range[0]).line
        node = pair.value
        continue
      } else break
      const n = node as YamlNode | undefined
      if (n?.range) line = lineCounter.linePos(n.range[0]).line
    }
    return line
  }
  const root: unknown = doc.toJS()
  const list = isObject(root) ? root.schedule : undefined
  if (list === undefined || list === null) return []
  const problems: ConfigProblem[] = []
  const bad = (path: (string | number)[], message: string) =>
    problems.push({
      path: fieldName(path),
      line: lineOf(path),
      message: `${fieldName(path)}: ${message}`,
    })
  if (!Array.isArray(list)) {
    bad(['schedule'], 'must be a list')
    throw new ConfigFileError(source, problems)
  }
  const out: ScheduleEntry[] = []
  list.forEach((item: unknown, index) => {
    const at = ['schedule', index]
    if (!isObject(item)) return void bad(at, 'must be a map with at: and one action')
    for (const k of Object.keys(item)) if (!FIELDS.has(k)) bad([...at, k], 'unknown field')
    const atMs = item.at === undefined ? undefined : parseDuration(item.at)
    if (item.at === undefined) bad(at, 'Required value: at (e.g. at: 10s)')
    else if (atMs === undefined)
      bad(
        [...at, 'at'],
        `invalid duration ${JSON.stringify(item.at)}: want e.g. 10s, 1m30s, 500ms or a number of seconds`
      )
    if (item.name !== undefined && typeof item.name !== 'string')
      bad([...at, 'name'], 'must be a string')
    const given = ACTIONS.filter((a) => item[a] !== undefined)
    if (given.length !== 1) {
      const which = given.length ? `one, not ${given.join(' and ')}` : 'one'
      return void bad(at, `Required value: ${which} of ${ACTIONS.join(', ')}`)
    }
    const kind = given[0]!
    const name = typeof item.name === 'string' ? item.name : `${kind}#${index}`
    const action = parseAction(kind, item[kind], name, (field, m) =>
      bad([...at, kind, ...field], m)
    )
    if (action && atMs !== undefined) out.push({ index, line: lineOf(at), atMs, name, action })
  })
  if (problems.length) throw new ConfigFileError(source, problems)
  return out.sort((a, b) => a.atMs - b.atMs || a.index - b.index)
}

type Bad = (field: (string | number)[], message: string) => void

function parseAction(
  kind: (typeof ACTIONS)[number],
  v: unknown,
  name: string,
  bad: Bad
): ScheduleAction | undefined {
  if (kind === 'powerOff' || kind === 'powerOn') {
    if (typeof v === 'string' && v !== '') return { kind, node: v }
    return void bad([], 'must be a node name')
  }
  if (!isObject(v)) return void bad([], 'must be a map')
  if (kind === 'deletePod') return parseDeletePod(v, bad)
  if (kind === 'scale') return parseScale(v, bad)
  return parseApp(v, name, bad)
}

function allowOnly(v: Record<string, unknown>, fields: string[], bad: Bad): void {
  for (const k of Object.keys(v)) if (!fields.includes(k)) bad([k], 'unknown field')
}

function parseDeletePod(v: Record<string, unknown>, bad: Bad): ScheduleAction | undefined {
  allowOnly(v, ['namespace', 'name', 'selector'], bad)
  const n = problemsBefore(bad)
  for (const k of ['namespace', 'name', 'selector'])
    if (v[k] !== undefined && (typeof v[k] !== 'string' || v[k] === ''))
      n.bad([k], 'must be a non-empty string')
  if (v.namespace === undefined) n.bad([], 'Required value: namespace')
  if ((v.name === undefined) === (v.selector === undefined))
    n.bad([], 'Required value: one of name, selector')
  if (n.count()) return undefined
  return {
    kind: 'deletePod',
    namespace: v.namespace as string,
    ...(typeof v.name === 'string' ? { name: v.name } : {}),
    ...(typeof v.selector === 'string' ? { selector: v.selector } : {}),
  }
}

function parseScale(v: Record<string, unknown>, bad: Bad): ScheduleAction | undefined {
  allowOnly(v, ['namespace', 'deployment', 'statefulSet', 'replicas'], bad)
  const n = problemsBefore(bad)
  if (typeof v.namespace !== 'string' || v.namespace === '')
    n.bad(v.namespace === undefined ? [] : ['namespace'], 'Required value: namespace')
  const targets = (['deployment', 'statefulSet'] as const).filter((k) => v[k] !== undefined)
  if (targets.length !== 1) n.bad([], 'Required value: one of deployment, statefulSet')
  for (const k of targets)
    if (typeof v[k] !== 'string' || v[k] === '') n.bad([k], 'must be a non-empty string')
  const r = v.replicas
  if (!Number.isInteger(r) || (r as number) < 0)
    n.bad(
      r === undefined ? [] : ['replicas'],
      r === undefined ? 'Required value: replicas' : 'must be an integer ≥ 0'
    )
  if (n.count()) return undefined
  const t = targets[0]!
  return {
    kind: 'scale',
    namespace: v.namespace as string,
    resource: t === 'deployment' ? 'deployments' : 'statefulsets',
    name: v[t] as string,
    replicas: r as number,
  }
}

/** An `app:` change: the `apps:` item's fields but `name` and `afterSeconds` (its `at` says when). */
function parseApp(v: Record<string, unknown>, name: string, bad: Bad): ScheduleAction | undefined {
  const n = problemsBefore(bad)
  for (const k of ['name', 'afterSeconds'])
    if (v[k] !== undefined)
      n.bad([k], `not allowed here (the entry's ${k === 'name' ? 'name' : 'at'} says it)`)
  if (n.count()) return undefined
  try {
    const [override] = parseAppOverrides([{ name, ...v }], 'app')
    return { kind: 'app', override: override! }
  } catch (err) {
    // parseAppOverrides names each problem `apps[0].<field>: <message>`, one per line.
    for (const line of (err as Error).message.split('\n').slice(1)) {
      const m = /^\s*apps\[0\](?:\.([\w.]+))?: (.*)$/.exec(line)
      if (m) n.bad(m[1] ? m[1].split('.') : [], m[2]!)
      else n.bad([], line.trim())
    }
    return undefined
  }
}

/** Counts the problems reported through it (to know whether a part was good). */
function problemsBefore(bad: Bad): { bad: Bad; count(): number } {
  let count = 0
  return {
    bad: (f, m) => {
      count++
      bad(f, m)
    },
    count: () => count,
  }
}

function fieldName(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('')
}

/**
 * Checks that every power entry names one of the lab's nodes; throws a ConfigFileError naming
 * the file, the entry's line and the field otherwise.
 */
export function checkScheduleNodes(
  entries: readonly ScheduleEntry[],
  nodes: readonly string[],
  source: string
): void {
  const problems: ConfigProblem[] = []
  for (const e of entries) {
    const a = e.action
    if ((a.kind === 'powerOff' || a.kind === 'powerOn') && !nodes.includes(a.node)) {
      const path = `schedule[${e.index}].${a.kind}`
      problems.push({
        path,
        line: e.line,
        message: `${path}: no node named "${a.node}" in the lab (its nodes: ${nodes.join(', ')})`,
      })
    }
  }
  if (problems.length) throw new ConfigFileError(source, problems)
}
