import { isObject, type JsonObject } from '../types.js'
import type { MappedDefinition } from './core-kinds.js'

/** One release's OpenAPI v2 definitions, by definition name. */
export interface ReleaseDefinitions {
  /** The release (`1.11`). */
  release: string
  definitions: Readonly<Record<string, JsonObject>>
}

/** A field of a generated interface, merged over the releases that have its type. */
export interface TypeField {
  name: string
  /** The TypeScript type; the union of each release's when they differ. */
  type: string
  /** Whether every release that has the field lists it as required. */
  required: boolean
  /** The releases whose schema has the field. */
  releases: string[]
}

/** A generated declaration: an interface (fields) or an alias of a mapped definition. */
export interface TypeDecl {
  /** The TypeScript name: the definition name's last segment (`PodSpec`). */
  name: string
  /** The OpenAPI definition name (`io.k8s.api.core.v1.PodSpec`). */
  definition: string
  /** The releases whose schema has the definition. */
  releases: string[]
  /** True for the kinds asked for: they extend KubeObject, which has apiVersion, kind, metadata. */
  kind: boolean
  fields: TypeField[]
  /** Set when the definition has no fields of its own: the type it stands for. */
  alias?: string
}

/** What the generator declares, over every release it read. */
export interface TypeModel {
  releases: string[]
  decls: TypeDecl[]
}

const KIND_FIELDS = new Set(['apiVersion', 'kind', 'metadata'])

/** Returns a definition name's TypeScript name (its last dotted segment). */
export function shortName(definition: string): string {
  return definition.slice(definition.lastIndexOf('.') + 1)
}

function refName(ref: string): string {
  return ref.replace(/^#\/definitions\//, '')
}

function wrap(t: string): string {
  return t.includes(' ') ? `(${t})` : t
}

/** Returns the TypeScript type of a schema; `where` names it in errors. */
export function schemaType(
  schema: unknown,
  mapped: Readonly<Record<string, MappedDefinition>>,
  where: string
): string {
  if (!isObject(schema)) throw new Error(`${where}: want a schema object`)
  const ref = schema['$ref']
  if (typeof ref === 'string') return mapped[refName(ref)]?.type ?? shortName(refName(ref))
  switch (schema['type']) {
    case 'string':
      return 'string'
    case 'integer':
    case 'number':
      return 'number'
    case 'boolean':
      return 'boolean'
    case 'array':
      return `${wrap(schemaType(schema['items'], mapped, `${where}[]`))}[]`
    case 'object':
    case undefined:
      if (isObject(schema['properties']))
        throw new Error(`${where}: an inline object with properties is not supported`)
      if (schema['additionalProperties'] !== undefined)
        return `Record<string, ${schemaType(schema['additionalProperties'], mapped, `${where}{}`)}>`
      return schema['type'] === 'object' ? 'Record<string, unknown>' : 'unknown'
    default:
      throw new Error(`${where}: unsupported schema type ${JSON.stringify(schema['type'])}`)
  }
}

function collectRefs(value: unknown, out: string[]): void {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, out)
  else if (isObject(value))
    for (const [k, v] of Object.entries(value))
      if (k === '$ref' && typeof v === 'string') out.push(refName(v))
      else collectRefs(v, out)
}

/** Returns the definitions `roots` reach in one release, not walking into mapped ones. */
function reachable(
  defs: Readonly<Record<string, JsonObject>>,
  roots: readonly string[],
  mapped: Readonly<Record<string, MappedDefinition>>,
  release: string
): string[] {
  const seen = new Set<string>()
  const queue = [...roots]
  while (queue.length > 0) {
    const name = queue.shift()!
    if (seen.has(name) || Object.hasOwn(mapped, name)) continue
    if (!Object.hasOwn(defs, name)) throw new Error(`${release}: definition ${name} is missing`)
    seen.add(name)
    collectRefs(defs[name], queue)
  }
  return [...seen]
}

/**
 * Returns the declarations for `roots` and every definition they reference, merged over the
 * releases: a type or field absent from some release is kept and says where it is absent.
 */
export function buildTypeModel(
  releases: readonly ReleaseDefinitions[],
  roots: readonly string[],
  mapped: Readonly<Record<string, MappedDefinition>>
): TypeModel {
  const decls = new Map<string, TypeDecl>()
  const byShort = new Map<string, string>()
  const rootSet = new Set(roots)
  for (const { release, definitions } of releases) {
    for (const name of reachable(definitions, roots, mapped, release)) {
      const short = shortName(name)
      const other = byShort.get(short)
      if (other !== undefined && other !== name)
        throw new Error(`failed to name types: ${other} and ${name} are both ${short}`)
      byShort.set(short, name)
      const decl = decls.get(name) ?? {
        name: short,
        definition: name,
        releases: [],
        kind: rootSet.has(name),
        fields: [],
      }
      decls.set(name, decl)
      decl.releases.push(release)
      mergeRelease(decl, definitions[name]!, release, mapped)
    }
  }
  return { releases: releases.map((r) => r.release), decls: [...decls.values()] }
}

function mergeRelease(
  decl: TypeDecl,
  def: JsonObject,
  release: string,
  mapped: Readonly<Record<string, MappedDefinition>>
): void {
  const props = def['properties']
  if (!isObject(props)) {
    const t = schemaType(def, mapped, `${release}: ${decl.definition}`)
    decl.alias = decl.alias === undefined || decl.alias === t ? t : `${decl.alias} | ${t}`
    return
  }
  const required = new Set(Array.isArray(def['required']) ? def['required'] : [])
  for (const [field, schema] of Object.entries(props)) {
    if (decl.kind && KIND_FIELDS.has(field)) continue
    const type = schemaType(schema, mapped, `${release}: ${decl.definition}.${field}`)
    const known = decl.fields.find((f) => f.name === field)
    if (!known) {
      decl.fields.push({ name: field, type, required: required.has(field), releases: [release] })
      continue
    }
    if (!known.type.split(' | ').includes(type)) known.type = `${known.type} | ${type}`
    known.required &&= required.has(field)
    known.releases.push(release)
  }
  decl.fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
