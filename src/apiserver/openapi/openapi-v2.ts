import { readFileSync } from 'node:fs'
import protobuf from 'protobufjs'
import type { ResourceCatalog } from '../../api/resources/index.js'
import type { JsonObject } from '../../api/types.js'
import { apiDefinitions, referencedDefinitions } from './definitions.js'
import { definitionName, META_SCHEMAS } from './names.js'

/**
 * The Content-Type of the protobuf form (gnostic's OpenAPIv2 Document) as kube-openapi writes it.
 * Clients ask with an `@` (`...spec.v2@v1.0+protobuf`), which Go's mime parser refuses in a
 * Content-Type, so the answer uses the dotted spelling.
 */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf'
const OPENAPI_V2_PROTOBUF_ASKED = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf'

interface Cached {
  json: string
  protobuf: Buffer
}
// Per catalogue, the bodies and the published roots they were built from: a change of what is
// served that publishes nothing new (a CRD: custom resources are not in v2) keeps them.
const cache = new WeakMap<ResourceCatalog, { roots: string; bodies: Cached }>()
let root: protobuf.Root | undefined

/**
 * Returns the `/openapi/v2` document: the release's definitions of every served built-in kind and
 * of what they reference, with their descriptions and x-kubernetes-* extensions (custom resources
 * are not published in v2, as in 1.11). Paths are left empty: clients read definitions only.
 */
export function openApiV2Document(
  catalog: ResourceCatalog,
  roots: readonly string[] = publishedRoots(catalog)
): JsonObject {
  const { definitions } = apiDefinitions(catalog.kubeVersion)
  const names = [...referencedDefinitions(definitions, roots)].sort()
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: catalog.kubeVersion.gitVersion },
    paths: {},
    definitions: Object.fromEntries(names.map((n) => [n, definitions[n]!])),
  }
}

/** Returns whether an Accept header asks for the protobuf form of /openapi/v2. */
export function wantsOpenApiV2Protobuf(accept: string | undefined): boolean {
  const a = accept ?? ''
  return a.includes(OPENAPI_V2_PROTOBUF) || a.includes(OPENAPI_V2_PROTOBUF_ASKED)
}

/** Returns `/openapi/v2` as JSON text and in gnostic's protobuf encoding, built once per catalogue. */
export function openApiV2Bodies(catalog: ResourceCatalog): Cached {
  const published = publishedRoots(catalog)
  const roots = published.join(' ')
  const hit = cache.get(catalog)
  if (hit?.roots === roots) return hit.bodies
  const doc = openApiV2Document(catalog, published)
  const type = schemaRoot().lookupType('openapi.v2.Document')
  const message = type.fromObject(toGnosticDocument(doc))
  const bodies = { json: JSON.stringify(doc), protobuf: Buffer.from(type.encode(message).finish()) }
  cache.set(catalog, { roots, bodies })
  return bodies
}

/** The definitions the document starts from: ObjectMeta's kin and each served kind that has one. */
function publishedRoots(catalog: ResourceCatalog): string[] {
  const { definitions } = apiDefinitions(catalog.kubeVersion)
  const roots: string[] = Object.values(META_SCHEMAS)
  for (const r of catalog.resources()) {
    const name = definitionName(r)
    roots.push(name, `${name}List`)
  }
  return roots.filter((n) => Object.hasOwn(definitions, n))
}

function schemaRoot(): protobuf.Root {
  if (root) return root
  const url = new URL('./proto/openapiv2.proto', import.meta.url)
  root = protobuf.parse(readFileSync(url, 'utf8'), { keepCase: true }).root
  root.resolveAll()
  return root
}

function toGnosticDocument(doc: JsonObject): Record<string, unknown> {
  const defs = doc['definitions'] as Record<string, JsonObject>
  return {
    swagger: doc['swagger'],
    info: doc['info'],
    paths: {},
    definitions: {
      additional_properties: Object.entries(defs).map(([name, s]) => ({
        name,
        value: toGnosticSchema(s),
      })),
    },
  }
}

const SCALARS: Record<string, string> = {
  $ref: '_ref',
  format: 'format',
  title: 'title',
  description: 'description',
  maximum: 'maximum',
  exclusiveMaximum: 'exclusive_maximum',
  minimum: 'minimum',
  exclusiveMinimum: 'exclusive_minimum',
  maxLength: 'max_length',
  minLength: 'min_length',
  pattern: 'pattern',
  maxItems: 'max_items',
  minItems: 'min_items',
  uniqueItems: 'unique_items',
  required: 'required',
  readOnly: 'read_only',
}

function yaml(value: unknown): { yaml: string } {
  return { yaml: JSON.stringify(value) }
}

/** Returns a JSON schema in the gnostic Schema message's object form. */
export function toGnosticSchema(s: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const ext: { name: string; value: { yaml: string } }[] = []
  for (const [k, v] of Object.entries(s)) {
    if (Object.hasOwn(SCALARS, k)) out[SCALARS[k]!] = v
    else if (k === 'type') out['type'] = { value: Array.isArray(v) ? v : [v] }
    else if (k === 'items') {
      const items = Array.isArray(v) ? v : [v]
      out['items'] = { schema: items.map((i) => toGnosticSchema(i as JsonObject)) }
    } else if (k === 'properties') {
      out['properties'] = {
        additional_properties: Object.entries(v as Record<string, JsonObject>).map(([n, p]) => ({
          name: n,
          value: toGnosticSchema(p),
        })),
      }
    } else if (k === 'additionalProperties') {
      out['additional_properties'] =
        typeof v === 'boolean' ? { boolean: v } : { schema: toGnosticSchema(v as JsonObject) }
    } else if (k === 'allOf') {
      out['all_of'] = (v as JsonObject[]).map(toGnosticSchema)
    } else if (k === 'enum') out['enum'] = (v as unknown[]).map(yaml)
    else if (k === 'default' || k === 'example') out[k] = yaml(v)
    else if (k.startsWith('x-')) ext.push({ name: k, value: yaml(v) })
  }
  if (ext.length > 0) out['vendor_extension'] = ext
  return out
}
