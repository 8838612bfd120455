import type { ResourceInfo, SubresourceInfo } from '../../api/resources/index.js'
import type { GroupVersionKind, JsonObject } from '../../api/types.js'
import {
  apiPrefix,
  definitionName,
  META_SCHEMAS,
  operationPrefix,
  operationTag,
  schemaRef,
} from './names.js'
import {
  DELETE_PARAMS,
  LIST_PARAMS,
  NAME_PARAM,
  NAMESPACE_PARAM,
  PATCH_PARAMS,
  PRETTY_PARAM,
  WRITE_PARAMS,
} from './parameters.js'

/** The paths of one resource and the kinds their operations refer to. */
export interface ResourcePaths {
  paths: Record<string, JsonObject>
  /** Kinds whose schemas the paths reference; `list` marks kinds whose List schema is referenced too. */
  kinds: { gvk: GroupVersionKind; list: boolean }[]
}

const RESPONSE_TYPES = [
  'application/json',
  'application/yaml',
  'application/vnd.kubernetes.protobuf',
]

// Strategic merge patch is accepted by the server but deliberately not advertised: kubectl would
// then compute its patches from these permissive schemas (which have no merge keys) instead of
// from its compiled-in types. Without it kubectl falls back to the compiled-in types, and to a
// JSON merge patch for custom resources, as with a real server's CRDs.
const PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
]

// Subresources that do not carry an object (log streams, proxies) are not described.
const NON_OBJECT_SUBRESOURCES = new Set(['log', 'proxy'])

interface OperationSpec {
  action: string
  id: string
  params: JsonObject[]
  body?: string
  patch?: boolean
  response: string
  created?: boolean
}

function content(types: string[], schema: string): JsonObject {
  return Object.fromEntries(types.map((t) => [t, { schema: schemaRef(schema) }]))
}

function operation(spec: OperationSpec, gvk: GroupVersionKind, tag: string): JsonObject {
  const ok = { description: 'OK', content: content(RESPONSE_TYPES, spec.response) }
  const responses: JsonObject = { '200': ok, '401': { description: 'Unauthorized' } }
  if (spec.created) {
    responses['201'] = { description: 'Created', content: content(RESPONSE_TYPES, spec.response) }
    responses['202'] = { description: 'Accepted', content: content(RESPONSE_TYPES, spec.response) }
  }
  const op: JsonObject = {
    tags: [tag],
    description: `${spec.action} ${gvk.kind}`,
    operationId: spec.id,
    parameters: spec.params,
    responses,
    'x-kubernetes-action': spec.action,
    'x-kubernetes-group-version-kind': { group: gvk.group, kind: gvk.kind, version: gvk.version },
  }
  if (spec.patch)
    op['requestBody'] = { content: content(PATCH_TYPES, META_SCHEMAS.patch), required: true }
  else if (spec.body) op['requestBody'] = { content: content(['*/*'], spec.body), required: true }
  return op
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

function subresourcePath(
  info: ResourceInfo,
  sub: SubresourceInfo,
  idSuffix: string,
  tag: string
): [JsonObject, GroupVersionKind] {
  const gvk = { group: sub.group, version: sub.version, kind: sub.kind }
  const ref = definitionName(gvk)
  const id = `${idSuffix}${capitalize(sub.name)}`
  const item: JsonObject = {
    description: `${sub.name} of the specified ${info.kind}`,
    parameters: info.namespaced
      ? [NAME_PARAM, NAMESPACE_PARAM, PRETTY_PARAM]
      : [NAME_PARAM, PRETTY_PARAM],
  }
  const verbs = new Set(sub.verbs)
  if (verbs.has('get'))
    item['get'] = operation({ action: 'get', id: `read${id}`, params: [], response: ref }, gvk, tag)
  if (verbs.has('update')) {
    item['put'] = operation(
      {
        action: 'put',
        id: `replace${id}`,
        params: WRITE_PARAMS,
        body: ref,
        response: ref,
        created: true,
      },
      gvk,
      tag
    )
  }
  if (verbs.has('patch')) {
    item['patch'] = operation(
      {
        action: 'patch',
        id: `patch${id}`,
        params: PATCH_PARAMS,
        patch: true,
        response: ref,
        created: true,
      },
      gvk,
      tag
    )
  }
  if (verbs.has('create')) {
    item['post'] = operation(
      {
        action: 'post',
        id: `create${id}`,
        params: WRITE_PARAMS,
        body: ref,
        response: ref,
        created: true,
      },
      gvk,
      tag
    )
  }
  return [item, gvk]
}

/**
 * Returns the OpenAPI path items of one resource: its collection, its items, the cross-namespace
 * list of a namespaced resource, and its object subresources (status, scale, …), each operation
 * as the resource's verbs allow.
 */
export function resourcePaths(info: ResourceInfo): ResourcePaths {
  const gvk = { group: info.group, version: info.version, kind: info.kind }
  const ref = definitionName(gvk)
  const listRef = `${ref}List`
  const tag = operationTag(info.group, info.version)
  const prefix = operationPrefix(info.group, info.version)
  const scoped = `${prefix}${info.namespaced ? 'Namespaced' : ''}${info.kind}`
  const verbs = new Set(info.verbs)
  const base = apiPrefix(info.group, info.version)
  const collectionPath = info.namespaced
    ? `${base}/namespaces/{namespace}/${info.resource}`
    : `${base}/${info.resource}`
  const paths: Record<string, JsonObject> = {}
  const kinds: ResourcePaths['kinds'] = [{ gvk, list: verbs.has('list') }]
  const op = (spec: OperationSpec) => operation(spec, gvk, tag)

  const collection: JsonObject = {
    description: `list or create objects of kind ${info.kind}`,
    parameters: info.namespaced ? [NAMESPACE_PARAM, PRETTY_PARAM] : [PRETTY_PARAM],
  }
  if (verbs.has('list'))
    collection['get'] = op({
      action: 'list',
      id: `list${scoped}`,
      params: LIST_PARAMS,
      response: listRef,
    })
  if (verbs.has('create')) {
    collection['post'] = op({
      action: 'post',
      id: `create${scoped}`,
      params: WRITE_PARAMS,
      body: ref,
      response: ref,
      created: true,
    })
  }
  if (verbs.has('deletecollection')) {
    collection['delete'] = op({
      action: 'deletecollection',
      id: `delete${prefix}Collection${info.namespaced ? 'Namespaced' : ''}${info.kind}`,
      params: [
        ...DELETE_PARAMS,
        ...LIST_PARAMS.filter((p) => p['name'] !== 'watch' && p['name'] !== 'allowWatchBookmarks'),
      ],
      body: META_SCHEMAS.deleteOptions,
      response: META_SCHEMAS.status,
    })
  }
  paths[collectionPath] = collection

  const item: JsonObject = {
    description: `read, replace, patch or delete the specified ${info.kind}`,
    parameters: info.namespaced
      ? [NAME_PARAM, NAMESPACE_PARAM, PRETTY_PARAM]
      : [NAME_PARAM, PRETTY_PARAM],
  }
  if (verbs.has('get'))
    item['get'] = op({ action: 'get', id: `read${scoped}`, params: [], response: ref })
  if (verbs.has('update')) {
    item['put'] = op({
      action: 'put',
      id: `replace${scoped}`,
      params: WRITE_PARAMS,
      body: ref,
      response: ref,
      created: true,
    })
  }
  if (verbs.has('patch')) {
    item['patch'] = op({
      action: 'patch',
      id: `patch${scoped}`,
      params: PATCH_PARAMS,
      patch: true,
      response: ref,
      created: true,
    })
  }
  if (verbs.has('delete')) {
    item['delete'] = op({
      action: 'delete',
      id: `delete${scoped}`,
      params: DELETE_PARAMS,
      body: META_SCHEMAS.deleteOptions,
      response: META_SCHEMAS.status,
    })
  }
  if (['get', 'put', 'patch', 'delete'].some((m) => m in item))
    paths[`${collectionPath}/{name}`] = item

  if (info.namespaced && verbs.has('list')) {
    paths[`${base}/${info.resource}`] = {
      description: `list objects of kind ${info.kind} in all namespaces`,
      parameters: [PRETTY_PARAM],
      get: op({
        action: 'list',
        id: `list${prefix}${info.kind}ForAllNamespaces`,
        params: LIST_PARAMS,
        response: listRef,
      }),
    }
  }

  for (const sub of info.subresources) {
    if (NON_OBJECT_SUBRESOURCES.has(sub.name)) continue
    const [path, subGvk] = subresourcePath(info, sub, scoped, tag)
    paths[`${collectionPath}/{name}/${sub.name}`] = path
    kinds.push({ gvk: subGvk, list: false })
  }
  return { paths, kinds }
}
