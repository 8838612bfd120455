import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { isObject } from '../../api/types.js'
import { yamlErrorAt } from '../../util/index.js'

/** Field types: JSON types, or `[Name]` for an array of a definition. */
export type Fields = Record<string, string>

/** A CRUD collection: list/create on `<scope>/<path>`, get/delete on `…/{<id>}`. */
export interface ModelCollection {
  name: string
  path: string
  id: string
  create: Fields
  info: Fields
}

/** A single operation on one path, naming its body and response definitions. */
export interface ModelOperation {
  path: string
  method: string
  summary: string
  params: string[]
  /** A definition name, or `object` for a free-form body. */
  body?: string
  response: string
}

/** A compact description of a component's REST resources, from which its swagger is generated. */
export interface SwaggerModel {
  title: string
  version: string
  tag: string
  scope: string
  /** Fields every collection's list and item definitions also carry. */
  common: Fields
  collections: ModelCollection[]
  operations: ModelOperation[]
  definitions: Record<string, Fields>
}

const TYPE = /^(string|integer|boolean|object|array|number|\[\w+\])$/
const MODELS_DIR = fileURLToPath(new URL('./models/', import.meta.url))

// Each model file's last text and model: the lab's multicloud pods all serve `multivim`.
const parsed = new Map<string, { text: string; model: SwaggerModel }>()

/**
 * Returns a model file of `swagger/models/` by name (`multivim`); throws naming file and field.
 * A file read before with the same text is not parsed again (the caller gets its own copy).
 */
export function loadSwaggerModel(name: string, dir = MODELS_DIR): SwaggerModel {
  if (!/^[\w-]+$/.test(name)) throw new Error(`swagger model name "${name}" is not a file name`)
  const file = `${dir}${name}.yaml`
  const text = readFileSync(file, 'utf8')
  const known = parsed.get(file)
  if (known?.text === text) return structuredClone(known.model)
  const model = parseSwaggerModel(text, file)
  parsed.set(file, { text, model: structuredClone(model) })
  return model
}

/** Returns the model of a SwaggerModel YAML text; throws an Error naming the file and bad fields. */
export function parseSwaggerModel(text: string, source: string): SwaggerModel {
  let doc: unknown
  try {
    doc = parse(text)
  } catch (err) {
    throw yamlErrorAt(source, err)
  }
  const bad: string[] = []
  if (!isObject(doc) || doc.kind !== 'SwaggerModel')
    throw new Error(`${source}: want kind SwaggerModel`)
  for (const k of ['title', 'version', 'tag', 'scope'])
    if (typeof doc[k] !== 'string') bad.push(`${k}: must be a string`)
  const fields = (v: unknown, path: string): Fields => {
    if (!isObject(v)) return (bad.push(`${path}: must be a map of field types`), {})
    for (const [f, t] of Object.entries(v))
      if (typeof t !== 'string' || !TYPE.test(t))
        bad.push(`${path}.${f}: must be a JSON type or [Definition]`)
    return v as Fields
  }
  const str = (o: Record<string, unknown>, k: string, path: string): string =>
    typeof o[k] === 'string' ? o[k] : (bad.push(`${path}.${k}: must be a string`), '')
  const list = (k: string): Record<string, unknown>[] =>
    Array.isArray(doc[k])
      ? doc[k].map((x, i) => (isObject(x) ? x : (bad.push(`${k}[${i}]: must be a map`), {})))
      : (bad.push(`${k}: must be a list`), [])
  const collections = list('collections').map((c, i) => {
    const p = `collections[${i}]`
    return {
      name: str(c, 'name', p),
      path: str(c, 'path', p),
      id: str(c, 'id', p),
      create: fields(c.create, `${p}.create`),
      info: fields(c.info, `${p}.info`),
    }
  })
  const operations = list('operations').map((o, i) => {
    const p = `operations[${i}]`
    if (typeof o.path !== 'string' || !o.path.startsWith('/'))
      bad.push(`${p}.path: must start with /`)
    if (!['get', 'post', 'put', 'delete'].includes(String(o.method)))
      bad.push(`${p}.method: must be get, post, put or delete`)
    const params = Array.isArray(o.params)
      ? o.params.map(String)
      : (bad.push(`${p}.params: must be a list`), [])
    return {
      path: String(o.path),
      method: String(o.method),
      summary: typeof o.summary === 'string' ? o.summary : '',
      params,
      ...(typeof o.body === 'string' ? { body: o.body } : {}),
      response: str(o, 'response', p),
    }
  })
  const defs = isObject(doc.definitions)
    ? doc.definitions
    : (bad.push('definitions: must be a map'), {})
  const definitions = Object.fromEntries(
    Object.entries(defs).map(([k, v]) => [k, fields(v, `definitions.${k}`)])
  )
  if (bad.length > 0) throw new Error(`${source}: invalid swagger model:\n  ${bad.join('\n  ')}`)
  const d = doc as Record<string, string>
  return {
    title: d.title ?? '',
    version: d.version ?? '',
    tag: d.tag ?? '',
    scope: d.scope ?? '',
    common: doc.common === undefined ? {} : fields(doc.common, 'common'),
    collections,
    operations,
    definitions,
  }
}
