import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml'
import { isObject } from '../api/types.js'

/**
 * How a step is checked: a command whose output must contain every entry, or match a line. Without
 * `run`, the output checked is that of the step's own last command (`helm install` prints the
 * release's STATUS), so no second process asks what the first one already said.
 */
export interface StepCheck {
  run?: string
  contains?: string[]
  /** A regular expression one output line must match. */
  matches?: string
}

/** What a step waits for once its commands ran. */
export interface StepWait {
  namespace: string
  /** A duration: `90s`, `5m`. */
  timeout: string
}

/** One step of the install sequence, as `lab/install/steps.yaml` gives it. */
export interface InstallStep {
  name: string
  title: string
  /** What the page does for it. */
  page: string
  /** The action that interprets it (src/install/actions/<action>). */
  action: string
  /** The name `--until` knows it by, besides its own. */
  until?: string
  /** Command templates. */
  run: string[]
  /**
   * The earlier steps it needs, when it needs only these: it starts as soon as they have finished,
   * alongside the steps in between (its transcript lines still come in its turn).
   */
  needs?: string[]
  check?: StepCheck
  wait?: StepWait
  hint?: string
  /** Where the step's `action:` is written (`lab/install/steps.yaml:44`), for errors. */
  source?: string
}

/** The file of the install sequence, relative to the repository root. */
export const INSTALL_STEPS_FILE = 'lab/install/steps.yaml'

const STEP_FIELDS = new Set([
  'name',
  'title',
  'page',
  'action',
  'until',
  'run',
  'needs',
  'check',
  'wait',
  'hint',
])

/** Returns the steps of `lab/install/steps.yaml` under `root`. */
export function loadInstallSteps(root: string): InstallStep[] {
  const file = join(root, INSTALL_STEPS_FILE)
  return parseInstallSteps(readFileSync(file, 'utf8'), file)
}

/** Returns the steps in `text`; throws an Error naming the file, step and field of a problem. */
export function parseInstallSteps(text: string, source: string): InstallStep[] {
  const lines = new LineCounter()
  const parsed = parseDocument(text, { lineCounter: lines })
  const doc: unknown = parsed.toJS()
  const stepNodes = parsed.get('steps', true)
  const actionLine = (i: number): number | undefined => {
    const node = isSeq(stepNodes) ? stepNodes.items[i] : undefined
    const action = isMap(node) ? node.items.find((p) => String(p.key) === 'action') : undefined
    const offset = (action?.key as { range?: [number] } | undefined)?.range?.[0]
    return offset === undefined ? undefined : lines.linePos(offset).line
  }
  const fail = (msg: string): never => {
    throw new Error(`${source}: ${msg}`)
  }
  if (!isObject(doc) || doc['kind'] !== 'InstallSteps') fail('want kind: InstallSteps')
  const raw = (doc as Record<string, unknown>)['steps']
  if (!Array.isArray(raw) || raw.length === 0) fail('steps: want a non-empty list')
  const seen = new Set<string>()
  return (raw as unknown[]).map((s, i) => {
    const at = `steps[${i}]`
    if (!isObject(s)) return fail(`${at}: want a mapping`)
    for (const key of Object.keys(s)) if (!STEP_FIELDS.has(key)) fail(`${at}.${key}: unknown field`)
    for (const key of ['name', 'title', 'action'] as const) {
      if (typeof s[key] !== 'string' || s[key] === '') fail(`${at}.${key}: required string`)
    }
    const name = s['name'] as string
    if (seen.has(name)) fail(`${at}.name: duplicate step name "${name}"`)
    seen.add(name)
    const run = s['run'] ?? []
    if (!Array.isArray(run) || run.some((r) => typeof r !== 'string')) {
      fail(`${at}.run: want a list of command lines`)
    }
    if (s['check'] !== undefined) checkOf(s['check'], `${at}.check`, fail)
    const needs = s['needs']
    if (needs !== undefined) {
      if (!Array.isArray(needs) || needs.some((n) => typeof n !== 'string')) {
        fail(`${at}.needs: want a list of step names`)
      }
      const names = (raw as unknown[]).map((o) => (isObject(o) ? o['name'] : undefined))
      for (const n of needs as string[]) {
        if (!names.slice(0, i).includes(n)) fail(`${at}.needs: "${n}" is not a step before it`)
      }
    }
    const line = actionLine(i)
    return {
      ...(s as unknown as InstallStep),
      page: String(s['page'] ?? ''),
      run: run as string[],
      ...(line !== undefined ? { source: `${source}:${line}` } : {}),
    }
  })
}

/** Validates a step's `check` mapping; `fail` throws with the file's name. */
function checkOf(c: unknown, at: string, fail: (msg: string) => never): void {
  if (!isObject(c)) fail(`${at}: want a mapping (run, contains, matches)`)
  const check = c as Record<string, unknown>
  for (const key of Object.keys(check)) {
    if (!['run', 'contains', 'matches'].includes(key)) fail(`${at}.${key}: unknown field`)
  }
  for (const key of ['run', 'matches'] as const) {
    if (check[key] !== undefined && (typeof check[key] !== 'string' || check[key] === '')) {
      fail(`${at}.${key}: want a non-empty string`)
    }
  }
  const contains = check['contains']
  if (
    contains !== undefined &&
    (!Array.isArray(contains) || contains.some((e) => typeof e !== 'string'))
  ) {
    fail(`${at}.contains: want a list of strings`)
  }
  if (contains === undefined && check['matches'] === undefined) {
    fail(`${at}: want contains or matches (what the output must show)`)
  }
}

/** Values a template word can take: a string, or a list that expands into several words. */
export type TemplateVars = Record<string, string | readonly string[]>

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g

/** Returns `text` with its `{name}` placeholders filled in (lists joined with blanks). */
export function fillTemplate(text: string, vars: TemplateVars): string {
  return text.replace(PLACEHOLDER, (_all, key: string) => {
    const v = vars[key]
    if (v === undefined) throw new Error(`unknown placeholder {${key}} in "${text}"`)
    return typeof v === 'string' ? v : v.join(' ')
  })
}

/**
 * Returns the argv of a command template: split on blanks first, then each word filled in, so
 * a value with blanks (a path) stays one word and a word that is only a list placeholder
 * becomes one word per item (none for an empty list).
 */
export function expandCommand(template: string, vars: TemplateVars): string[] {
  return template
    .trim()
    .split(/\s+/)
    .flatMap((word) => {
      const only = /^\{([A-Za-z][A-Za-z0-9]*)\}$/.exec(word)
      const v = only ? vars[only[1]!] : undefined
      if (v !== undefined && typeof v !== 'string') return [...v]
      return [fillTemplate(word, vars)]
    })
}

/** Returns the list entries of a check, list placeholders expanded into one entry per item. */
export function expandEntries(entries: readonly string[], vars: TemplateVars): string[] {
  return entries.flatMap((e) => {
    const only = /^\{([A-Za-z][A-Za-z0-9]*)\}$/.exec(e)
    const v = only ? vars[only[1]!] : undefined
    return v !== undefined && typeof v !== 'string' ? [...v] : [fillTemplate(e, vars)]
  })
}

/** Returns a duration such as `90s`, `5m`, `1h` or `250ms` in milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim())
  if (!m) throw new Error(`invalid duration "${text}": want e.g. 90s, 5m`)
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h']
  return Number(m[1]) * unit
}
