/**
 * The subset of client-go JSONPath that CRD additionalPrinterColumns use, evaluated with
 * missing keys allowed: `.a.b`, `.a\.b`, `['a.b']`, `[0]`, `[-1]`, `[*]`, `.*`, and filters
 * `[?(@.type=="Ready")]`, `[?(@.x!=1)]`, `[?(@.x)]`. Other syntax throws at parse time.
 */

type Literal = string | number | boolean
type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; path: Step[]; op?: string; value?: Literal }

/** A parsed JSONPath expression. */
export interface JsonPath {
  readonly source: string
  /** Returns every value the path selects, in document order (empty when nothing matches). */
  find(root: unknown): unknown[]
}

/** Parses a JSONPath (`{…}` and a leading `$` are optional); throws on unsupported syntax. */
export function parseJsonPath(source: string): JsonPath {
  let text = source.trim()
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1).trim()
  if (text.startsWith('$')) text = text.slice(1)
  const steps = parseSteps(text, source)
  return { source, find: (root) => evaluate(steps, [root]) }
}

function parseSteps(text: string, source: string): Step[] {
  const steps: Step[] = []
  let i = 0
  const fail = (why: string): never => {
    throw new Error(`unrecognized JSONPath ${JSON.stringify(source)}: ${why}`)
  }
  while (i < text.length) {
    if (text[i] === '.') {
      if (text[i + 1] === '.') fail('recursive descent is not supported')
      i++
      if (text[i] === '*') {
        steps.push({ kind: 'wildcard' })
        i++
        continue
      }
      let name = ''
      while (i < text.length && text[i] !== '.' && text[i] !== '[') {
        if (text[i] === '\\' && i + 1 < text.length) i++
        name += text[i++]
      }
      if (name === '') fail('empty field name')
      steps.push({ kind: 'field', name })
    } else if (text[i] === '[') {
      const end = closingBracket(text, i)
      if (end < 0) fail('unclosed [')
      steps.push(parseBracket(text.slice(i + 1, end).trim(), fail))
      i = end + 1
    } else {
      fail(`unexpected ${JSON.stringify(text[i])}`)
    }
  }
  return steps
}

function closingBracket(text: string, open: number): number {
  let quote = ''
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (c === ']') {
      return i
    }
  }
  return -1
}

function parseBracket(inner: string, fail: (why: string) => never): Step {
  if (inner === '*') return { kind: 'wildcard' }
  if (/^-?\d+$/.test(inner)) return { kind: 'index', index: Number(inner) }
  const quoted = /^(['"])(.*)\1$/.exec(inner)
  if (quoted) return { kind: 'field', name: quoted[2] }
  const filter = /^\?\(\s*@((?:\.[^\s=!<>]+)+)\s*(?:(==|!=|<=|>=|<|>)\s*(.+?))?\s*\)$/.exec(inner)
  if (!filter) return fail(`unsupported [${inner}]`)
  const path = parseSteps(filter[1], inner)
  if (filter[2] === undefined) return { kind: 'filter', path }
  return { kind: 'filter', path, op: filter[2], value: parseLiteral(filter[3], fail) }
}

function parseLiteral(text: string, fail: (why: string) => never): Literal {
  const quoted = /^(['"])(.*)\1$/.exec(text)
  if (quoted) return quoted[2]
  if (text === 'true' || text === 'false') return text === 'true'
  const n = Number(text)
  return Number.isFinite(n) ? n : fail(`unsupported literal ${text}`)
}

function evaluate(steps: Step[], start: unknown[]): unknown[] {
  let current = start
  for (const step of steps) {
    const next: unknown[] = []
    for (const v of current) next.push(...apply(step, v))
    current = next
  }
  return current
}

function apply(step: Step, v: unknown): unknown[] {
  const isMap = typeof v === 'object' && v !== null && !Array.isArray(v)
  switch (step.kind) {
    case 'field': {
      if (!isMap || !Object.hasOwn(v, step.name)) return []
      return [(v as Record<string, unknown>)[step.name]]
    }
    case 'index': {
      if (!Array.isArray(v)) return []
      const i = step.index < 0 ? v.length + step.index : step.index
      return i >= 0 && i < v.length ? [v[i]] : []
    }
    case 'wildcard':
      if (Array.isArray(v)) return v
      return isMap
        ? Object.keys(v)
            .sort()
            .map((k) => (v as Record<string, unknown>)[k])
        : []
    case 'filter':
      if (!Array.isArray(v)) return []
      return v.filter((item) => matches(step, item))
  }
}

function matches(step: Extract<Step, { kind: 'filter' }>, item: unknown): boolean {
  const found = evaluate(step.path, [item])
  if (step.op === undefined) return found.length > 0
  if (found.length === 0) return false
  const left = found[0]
  const right = step.value
  switch (step.op) {
    case '==':
      return left === right
    case '!=':
      return left !== right
    default: {
      if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string'))
        return false
      const l = left as number | string
      const r = right as number | string
      return step.op === '<' ? l < r : step.op === '>' ? l > r : step.op === '<=' ? l <= r : l >= r
    }
  }
}
