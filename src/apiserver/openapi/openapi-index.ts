import { createHash } from 'node:crypto'
import { noResource } from '../../api/errors.js'
import type { KubeVersion, ResourceCatalog, ResourceInfo } from '../../api/resources/index.js'
import { deepCopy, type JsonObject } from '../../api/types.js'
import { apiDefinitions } from './definitions.js'
import { buildGroupVersionDoc } from './group-version-doc.js'
import { groupVersionKey } from './names.js'

/** The `/openapi/v3` root: one entry per served group/version (`api/v1`, `apis/apps/v1`). */
export interface OpenApiIndex {
  paths: Record<string, { serverRelativeURL: string }>
}

/** A group/version document serialized once, with the hash its URL carries. */
export interface OpenApiGroupVersionBody {
  /** The document as JSON text, ready to send. */
  body: string
  /** Upper-case hex SHA-512 of `body`, as kube-apiserver puts in `?hash=`. */
  hash: string
}

interface Entry extends OpenApiGroupVersionBody {
  doc: JsonObject
}

// Documents are rebuilt only when the catalogue changes. ResourceCatalog replaces the array
// resources() returns whenever the served set changes (built-ins are fixed per catalogue), so that
// array's identity is the cache key.
const cache = new WeakMap<readonly ResourceInfo[], Map<string, Entry>>()

function documents(catalog: ResourceCatalog): Map<string, Entry> {
  const resources = catalog.resources()
  const cached = cache.get(resources)
  if (cached) return cached
  const byKey = new Map<string, { group: string; version: string; resources: ResourceInfo[] }>()
  for (const { name, versions } of catalog.groups()) {
    for (const version of versions)
      byKey.set(groupVersionKey(name, version), { group: name, version, resources: [] })
  }
  for (const r of resources) byKey.get(groupVersionKey(r.group, r.version))?.resources.push(r)
  const docs = new Map<string, Entry>()
  const { definitions } = apiDefinitions(catalog.kubeVersion)
  for (const [key, src] of byKey) {
    const gitVersion = catalog.kubeVersion.gitVersion
    const doc = buildGroupVersionDoc({ ...src, gitVersion, definitions })
    const body = JSON.stringify(doc)
    const hash = createHash('sha512').update(body).digest('hex').toUpperCase()
    docs.set(key, { body, hash, doc })
  }
  cache.set(resources, docs)
  return docs
}

/**
 * Returns whether a release serves `/openapi/v3`: kube-apiserver publishes it by default from 1.24
 * (the OpenAPIV3 feature, beta and on by default in 1.24, GA in 1.27). An older server answers
 * 404, and kubectl then reads `/openapi/v2` once and validates every object against it, as it does
 * with a real 1.11 (kubectl explain likewise falls back to v2).
 */
export function servesOpenApiV3(v: KubeVersion): boolean {
  return v.major > 1 || v.minor >= 24
}

/**
 * Returns the `/openapi/v3` root for every served group/version, built-in or custom. Each
 * `serverRelativeURL` carries the hash of its document, so clients that cache by URL
 * (kubectl's ~/.kube/cache/http) fetch it again when it changes. Throws 404 NotFound for a
 * release older than 1.24, which has no `/openapi/v3`.
 */
export function openApiIndex(catalog: ResourceCatalog): OpenApiIndex {
  if (!servesOpenApiV3(catalog.kubeVersion)) throw noResource()
  const paths: OpenApiIndex['paths'] = {}
  for (const [key, { hash }] of documents(catalog)) {
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` }
  }
  return { paths }
}

/**
 * Returns the serialized document of a group/version ("" for core) and its hash, if it is served
 * at `/openapi/v3/…` (never before 1.24: see servesOpenApiV3).
 */
export function openApiGroupVersionBody(
  catalog: ResourceCatalog,
  group: string,
  version: string
): OpenApiGroupVersionBody | undefined {
  if (!servesOpenApiV3(catalog.kubeVersion)) return undefined
  const found = documents(catalog).get(groupVersionKey(group, version))
  return found ? { body: found.body, hash: found.hash } : undefined
}

/**
 * Returns the OpenAPI 3.0 document of a group/version ("" for core) as the release describes it,
 * or undefined when the group/version is not served (built for any release, served from 1.24).
 */
export function openApiGroupVersionDoc(
  catalog: ResourceCatalog,
  group: string,
  version: string
): object | undefined {
  const found = documents(catalog).get(groupVersionKey(group, version))
  return found ? deepCopy(found.doc) : undefined
}
