import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'
import type { Document, Node as YamlNode } from 'yaml'

/**
 * The shape a YAML file must have, field by field, as a Go struct with yaml tags gives it to
 * gopkg.in/yaml.v3 with `KnownFields(true)`: unknown fields and wrongly typed scalars are errors.
 */
export type Schema =
  | { kind: 'string'; check?: (value: string) => string | undefined }
  | { kind: 'int'; goType: 'int32' | 'int' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'list'; items: Schema }
  | { kind: 'map'; values: Schema }
  | {
      kind: 'struct'
      typeName: string
      fields: Readonly<Record<string, Schema>>
      /** Ignore fields the struct does not know (a non-strict decode, e.g. of the type header). */
      open?: boolean
    }

/** One problem found in a config file, with the field path and the 1-based line it is on. */
export interface ConfigProblem {
  path: string
  line: number
  message: string
}

/** An error naming the file, line and field of every problem found in a config file. */
export class ConfigFileError extends Error {
  /** The problems, in file order. */
  readonly problems: readonly ConfigProblem[]
  /** The file name the problems refer to. */
  readonly source: string

  constructor(source: string, problems: readonly ConfigProblem[]) {
    super(problems.map((p) => `${source}:${p.line}: ${p.message}`).join('\n'))
    this.name = 'ConfigFileError'
    this.source = source
    this.problems = problems
  }
}

/** A strictly decoded document: the plain value and the line of every field path in it. */
export interface DecodedYaml {
  value: unknown
  /** Returns the line of a field path (`nodes[1].role`), or of its nearest decoded parent. */
  lineOf(path: string): number
}

/** Returns `path` extended with a struct field (`networking.podSubnet`). */
export function fieldPath(path: string, field: string): string {
  return path === '' ? field : `${path}.${field}`
}

/** Returns `path` extended with a map key, always quoted (`nodes["onap-mesh-worker"]`). */
export function keyPath(path: string, key: string): string {
  return `${path}[${JSON.stringify(key)}]`
}

/** Returns the value decoded from YAML text against a schema; throws ConfigFileError on problems. */
export function decodeStrict(text: string, source: string, schema: Schema): DecodedYaml {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      path: '',
      line: lineAt(e.pos[0]),
      message: `yaml: ${e.message.split('\n')[0]}`,
    }))
    throw new ConfigFileError(source, problems)
  }
  const lines = new Map<string, number>([['', 1]])
  const problems: ConfigProblem[] = []
  const ctx: DecodeContext = { doc, text, lineAt, lines, problems }
  const value = decodeNode(doc.contents, schema, '', 1, ctx)
  if (problems.length > 0) {
    throw new ConfigFileError(
      source,
      problems.toSorted((a, b) => a.line - b.line)
    )
  }
  return {
    value,
    lineOf(path: string): number {
      for (let p = path; ; p = parentPath(p)) {
        const line = lines.get(p)
        if (line !== undefined) return line
        if (p === '') return 1
      }
    },
  }
}

interface DecodeContext {
  doc: Document
  text: string
  lineAt: (offset: number) => number
  lines: Map<string, number>
  problems: ConfigProblem[]
}

function parentPath(path: string): string {
  const m = /^(.*?)(?:\.[^.[\]]+|\[[^\]]*\])$/.exec(path)
  return m ? m[1]! : ''
}

function tagOf(node: YamlNode | null | undefined): string {
  if (isMap(node)) return '!!map'
  if (isSeq(node)) return '!!seq'
  if (!isScalar(node)) return '!!null'
  const v = node.value
  if (v === null) return '!!null'
  if (typeof v === 'boolean') return '!!bool'
  if (typeof v === 'number') return Number.isInteger(v) ? '!!int' : '!!float'
  return '!!str'
}

function decodeNode(
  raw: YamlNode | null | undefined,
  schema: Schema,
  path: string,
  line: number,
  ctx: DecodeContext
): unknown {
  const node = isAlias(raw) ? raw.resolve(ctx.doc) : raw
  if (node?.range) line = ctx.lineAt(node.range[0])
  if (!ctx.lines.has(path)) ctx.lines.set(path, line)
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) {
    return undefined
  }
  const mismatch = (goType: string, shown?: string): undefined => {
    const text = shown ?? (isScalar(node) ? `\`${String(node.value)}\`` : '')
    const what = text === '' ? tagOf(node) : `${tagOf(node)} ${text}`
    const at = path === '' ? '' : `${path}: `
    ctx.problems.push({ path, line, message: `${at}cannot unmarshal ${what} into ${goType}` })
    return undefined
  }
  switch (schema.kind) {
    case 'string': {
      if (!isScalar(node)) return mismatch('string')
      // yaml.v3 hands any scalar to a string field as its literal text.
      const value =
        typeof node.value === 'string' || !node.range
          ? String(node.value)
          : ctx.text.slice(node.range[0], node.range[1])
      const problem = schema.check?.(value)
      if (problem !== undefined) ctx.problems.push({ path, line, message: `${path}: ${problem}` })
      return value
    }
    case 'int': {
      if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) {
        return mismatch(schema.goType)
      }
      const limit = schema.goType === 'int32' ? 2 ** 31 : 2 ** 53
      if (node.value < -limit || node.value >= limit) return mismatch(schema.goType)
      return node.value
    }
    case 'number':
      if (!isScalar(node) || typeof node.value !== 'number') return mismatch('float64')
      return node.value
    case 'bool': {
      if (isScalar(node) && typeof node.value === 'boolean') return node.value
      // yaml.v3 still accepts the YAML 1.1 spellings when the target is a typed bool.
      const word = isScalar(node) && typeof node.value === 'string' ? node.value : ''
      if (/^(y|Y|yes|Yes|YES|on|On|ON)$/.test(word)) return true
      if (/^(n|N|no|No|NO|off|Off|OFF)$/.test(word)) return false
      return mismatch('bool')
    }
    case 'list': {
      if (!isSeq(node)) return mismatch(`[]${goName(schema.items)}`, '')
      return node.items.map((item, i) =>
        decodeItem(item as YamlNode, schema.items, `${path}[${i}]`, line, ctx)
      )
    }
    case 'map':
    case 'struct':
      return decodeMapping(node, schema, path, line, ctx, mismatch)
  }
}

function decodeItem(
  node: YamlNode,
  schema: Schema,
  path: string,
  line: number,
  ctx: DecodeContext
): unknown {
  const value = decodeNode(node, schema, path, line, ctx)
  return value === undefined && schema.kind === 'struct' ? {} : value
}

function decodeMapping(
  node: YamlNode,
  schema: Extract<Schema, { kind: 'map' | 'struct' }>,
  path: string,
  line: number,
  ctx: DecodeContext,
  mismatch: (goType: string, shown?: string) => undefined
): unknown {
  if (!isMap(node)) return mismatch(goName(schema), '')
  const out: Record<string, unknown> = {}
  for (const pair of node.items) {
    const keyNode = isAlias(pair.key) ? pair.key.resolve(ctx.doc) : pair.key
    const key = isScalar(keyNode) ? String(keyNode.value) : ''
    const keyLine = isScalar(keyNode) && keyNode.range ? ctx.lineAt(keyNode.range[0]) : line
    const at = schema.kind === 'map' ? keyPath(path, key) : fieldPath(path, key)
    ctx.lines.set(at, keyLine)
    let fieldSchema: Schema | undefined
    if (schema.kind === 'map') {
      fieldSchema = schema.values
    } else if (Object.hasOwn(schema.fields, key)) {
      fieldSchema = schema.fields[key]
    } else if (schema.open) {
      continue
    } else {
      const message = `unknown field "${at}" (field ${key} not found in type ${schema.typeName})`
      ctx.problems.push({ path: at, line: keyLine, message })
      continue
    }
    // A map entry without a value is still an entry (yaml.v3 stores the zero value).
    const decode = schema.kind === 'map' ? decodeItem : decodeNode
    const value = decode(pair.value as YamlNode, fieldSchema!, at, keyLine, ctx)
    if (value !== undefined) out[key] = value
  }
  return out
}

function goName(schema: Schema): string {
  switch (schema.kind) {
    case 'string':
    case 'bool':
      return schema.kind
    case 'int':
      return schema.goType
    case 'number':
      return 'float64'
    case 'list':
      return `[]${goName(schema.items)}`
    case 'map':
      return `map[string]${goName(schema.values)}`
    case 'struct':
      return schema.typeName
  }
}
