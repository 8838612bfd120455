import { LineCounter, parseDocument, type Document } from 'yaml'
import { isObject } from '../api/types.js'
// Not through util's index: the bundle build loads this file through tsx (build-values.ts), and
// the index would bring the PKI with it (+150 ms per build).
import { yamlErrorAt } from '../util/yaml-error.js'
import {
  BehaviourActions,
  type BehaviourAction,
  type BehaviourAppSection,
  type ImageBehaviour,
} from './image-behaviours.js'

/** The apiVersion and kind of a behaviour file. */
export const BEHAVIOUR_FILE_TYPE = {
  apiVersion: 'onap-mesh-lab/v1alpha1',
  kind: 'ImageBehaviourList',
} as const

// Defaults per action; a file entry overrides any of them.
const DEFAULTS: Record<BehaviourAction, Partial<ImageBehaviour>> = {
  serve: {},
  'never-ready': { readiness: 'fail' },
  exit: { runSeconds: 5, exitCode: 0 },
  crash: { runSeconds: 2, exitCode: 1 },
  'wait-for': {},
}

const COMMON: Omit<ImageBehaviour, 'name' | 'images' | 'action'> = {
  priority: 0,
  pullSeconds: 2,
  startupSeconds: 1,
  runSeconds: 0,
  exitCode: 0,
  stopSeconds: 1,
  readiness: 'pass',
  liveness: 'pass',
  logs: [],
  exitLogs: [],
  probeOutput: '',
}

type Check = (v: unknown) => string | undefined
const str: Check = (v) => (typeof v === 'string' ? undefined : 'must be a string')
const num: Check = (v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'must be a number ≥ 0'
const int: Check = (v) => (Number.isInteger(v) ? undefined : 'must be an integer')
const strings: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === 'string')
    ? undefined
    : 'must be a list of strings'
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.join(', ')}`

const FIELDS: Record<string, Check> = {
  name: str,
  images: strings,
  containerNames: strings,
  ownerKinds: strings,
  priority: int,
  action: oneOf(BehaviourActions),
  pullSeconds: num,
  startupSeconds: num,
  runSeconds: num,
  exitCode: int,
  stopSeconds: num,
  readiness: oneOf(['pass', 'fail']),
  liveness: oneOf(['pass', 'fail']),
  logs: strings,
  exitLogs: strings,
  probeOutput: str,
  waitFor: (v) => (isObject(v) ? undefined : 'must be a map'),
  commands: strings,
  runsCommand: (v) => (typeof v === 'boolean' ? undefined : 'must be a boolean'),
  app: (v) => (isObject(v) ? undefined : 'must be a map'),
}

const WAIT_FOR_FIELDS: Record<string, Check> = {
  nameFlags: strings,
  timeoutFlags: strings,
  timeoutMinutes: num,
  pollSeconds: num,
}

/**
 * Returns the behaviours of a behaviour file (YAML: `kind: ImageBehaviourList`, `items:`),
 * with each action's defaults filled in. Throws an Error naming the file and every bad field.
 */
export function parseBehaviours(text: string, source: string): ImageBehaviour[] {
  const lines = new LineCounter()
  const yamlDoc = parseDocument(text, { lineCounter: lines })
  if (yamlDoc.errors[0]) throw yamlErrorAt(source, yamlDoc.errors[0])
  const doc: unknown = yamlDoc.toJS()
  const problems: string[] = []
  if (!isObject(doc)) throw new Error(`${source}: not a YAML map`)
  if (doc.apiVersion !== BEHAVIOUR_FILE_TYPE.apiVersion || doc.kind !== BEHAVIOUR_FILE_TYPE.kind) {
    problems.push(
      `want apiVersion ${BEHAVIOUR_FILE_TYPE.apiVersion} and kind ${BEHAVIOUR_FILE_TYPE.kind}`
    )
  }
  for (const k of Object.keys(doc))
    if (!['apiVersion', 'kind', 'items'].includes(k)) problems.push(`unknown field "${k}"`)
  const items = Array.isArray(doc.items) ? doc.items : []
  if (!Array.isArray(doc.items)) problems.push('items: must be a list')
  const out = items.map((item, i) => {
    const b = entry(item, `items[${i}]`, problems)
    if (b && isObject(b.app)) b.app = appSection(b.app, yamlDoc, lines, source, i)
    return b
  })
  if (problems.length > 0)
    throw new Error(`${source}: invalid behaviours:\n  ${problems.join('\n  ')}`)
  return out as ImageBehaviour[]
}

function entry(item: unknown, path: string, problems: string[]): ImageBehaviour | undefined {
  if (!isObject(item)) return void problems.push(`${path}: must be a map`)
  for (const [k, v] of Object.entries(item)) {
    const check = FIELDS[k]
    const why = check ? check(v) : 'unknown field'
    if (why) problems.push(`${path}.${k}: ${why}`)
  }
  for (const k of ['name', 'images', 'action'])
    if (item[k] === undefined) problems.push(`${path}.${k}: Required value`)
  const action = item.action as BehaviourAction
  if (action === 'wait-for' || item.waitFor !== undefined)
    checkWaitFor(item.waitFor, `${path}.waitFor`, problems)
  return { ...COMMON, ...DEFAULTS[action], ...(item as Partial<ImageBehaviour>) } as ImageBehaviour
}

function checkWaitFor(v: unknown, path: string, problems: string[]): void {
  if (!isObject(v)) return void problems.push(`${path}: Required value for action wait-for`)
  for (const [k, x] of Object.entries(v)) {
    const check = WAIT_FOR_FIELDS[k]
    const why = check ? check(x) : 'unknown field'
    if (why) problems.push(`${path}.${k}: ${why}`)
  }
  for (const k of Object.keys(WAIT_FOR_FIELDS))
    if (v[k] === undefined) problems.push(`${path}.${k}: Required value`)
}

// The app section stays raw here; src/apps checks it and names lines through lineOf.
function appSection(
  value: Record<string, unknown>,
  doc: Document,
  lines: LineCounter,
  source: string,
  i: number
): BehaviourAppSection {
  const lineOf = (path: string): number => {
    const keys: (string | number)[] = ['items', i, 'app']
    for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
      keys.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''))
    for (let n = keys.length; n > 0; n--) {
      const node: unknown = doc.getIn(keys.slice(0, n), true)
      const range = (node as { range?: [number, number] } | undefined)?.range
      if (range) return lines.linePos(range[0]).line
    }
    return 1
  }
  return { value, source, path: `items[${i}].app`, lineOf }
}
