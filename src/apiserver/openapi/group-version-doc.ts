import type { ResourceInfo } from '../../api/resources/index.js'
import type { JsonObject } from '../../api/types.js'
import { referencedDefinitions, toV3Schema } from './definitions.js'
import { definitionName, META_SCHEMAS } from './names.js'
import { resourcePaths } from './resource-paths.js'
import { kindSchema, listSchema, metaSchemas } from './schemas.js'

/** What a group/version document is built from: its resources and the server's version. */
export interface GroupVersionSource {
  group: string
  version: string
  resources: readonly ResourceInfo[]
  /** The server's gitVersion (`v1.11.1`), shown as the document's version. */
  gitVersion: string
  /** The release's OpenAPI v2 definitions; kinds found there get their real schema. */
  definitions?: Readonly<Record<string, JsonObject>>
}

/**
 * Returns the OpenAPI 3.0 document of one group/version: every resource's paths and operations
 * (with `x-kubernetes-action` and `x-kubernetes-group-version-kind`), the schema of every kind,
 * its list and the apimachinery types the operations use: the release's real schema (with field
 * descriptions) when `definitions` has it, else a permissive one (custom resources).
 */
export function buildGroupVersionDoc(src: GroupVersionSource): JsonObject {
  const paths: Record<string, JsonObject> = {}
  const schemas: Record<string, JsonObject> = metaSchemas()
  const defs = src.definitions ?? {}
  const roots: string[] = Object.values(META_SCHEMAS)
  for (const info of src.resources) {
    const rp = resourcePaths(info)
    Object.assign(paths, rp.paths)
    for (const { gvk, list } of rp.kinds) {
      const name = definitionName(gvk)
      roots.push(name, `${name}List`)
      if (!Object.hasOwn(defs, name)) schemas[name] ??= kindSchema(gvk)
      if (list && !Object.hasOwn(defs, `${name}List`)) schemas[`${name}List`] ??= listSchema(gvk)
    }
  }
  for (const name of referencedDefinitions(defs, roots)) {
    schemas[name] = toV3Schema(defs[name]) as JsonObject
  }
  const sortedSchemas = Object.fromEntries(
    Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : 1))
  )
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: src.gitVersion },
    paths,
    components: {
      schemas: sortedSchemas,
      securitySchemes: {
        BearerToken: {
          type: 'apiKey',
          description: 'Bearer Token authentication',
          name: 'authorization',
          in: 'header',
        },
      },
    },
    security: [{ BearerToken: [] }],
  }
}
