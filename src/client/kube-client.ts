import { StatusError, type Status } from '../api/errors.js'
import { parseApiVersion, type KubeList, type KubeObject, type WatchEvent } from '../api/types.js'
import type { Transport } from './transport.js'

/** Names a resource: `{ apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }`. */
export interface ResourceRef {
  apiVersion: string
  resource: string
  namespaced: boolean
}

/** Selection options of list and watch. */
export interface ListOptions {
  namespace?: string
  labelSelector?: string
  fieldSelector?: string
  limit?: number
}

/** Options of a watch. */
export interface WatchOptions extends ListOptions {
  resourceVersion?: string
  allowBookmarks?: boolean
  timeoutSeconds?: number
}

/** Options of a write. */
export interface WriteOptions {
  fieldManager?: string
  dryRun?: boolean
  /** The body is the server's from now on: built for this call, never read or changed again. */
  handOver?: boolean
}

/** Options of a delete. */
export interface DeleteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground'
  gracePeriodSeconds?: number
  preconditions?: { uid?: string; resourceVersion?: string }
}

/** The patch content types. */
export const PatchType = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const

/**
 * The Kubernetes API as the lab's components use it: generic verbs over any resource. What a
 * watch delivers and a write answers is read-only (in process it is the stored object, shared
 * by every caller, as an informer's cache is in client-go): copy before changing it. What a get
 * or list answers is the caller's own.
 */
export interface KubeClient {
  get<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    name: string,
    namespace?: string
  ): Promise<T>
  list<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    opts?: ListOptions
  ): Promise<KubeList<T>>
  create<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    obj: T,
    opts?: WriteOptions
  ): Promise<T>
  update<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    obj: T,
    opts?: WriteOptions & { subresource?: string }
  ): Promise<T>
  patch<T extends KubeObject = KubeObject>(
    ref: ResourceRef,
    name: string,
    namespace: string | undefined,
    patch: unknown,
    type: string,
    opts?: WriteOptions & { subresource?: string; force?: boolean }
  ): Promise<T>
  delete(
    ref: ResourceRef,
    name: string,
    namespace?: string,
    opts?: DeleteOptions
  ): Promise<KubeObject>
  /** POSTs to a subresource (`binding`, `eviction`). */
  post(
    ref: ResourceRef,
    name: string,
    namespace: string | undefined,
    subresource: string,
    body: unknown
  ): Promise<unknown>
  /** GETs a non-resource path (discovery: `/api`, `/apis`, `/apis/<group>/<version>`). */
  getPath?<T = unknown>(path: string): Promise<T>
  /** Streams events until stopped or the server closes the watch. Returns stop. */
  watch(
    ref: ResourceRef,
    opts: WatchOptions,
    onEvent: (ev: WatchEvent) => void,
    onEnd: (err?: Error) => void
  ): () => void
}

/** Returns the URL path of a resource, object or subresource. */
export function resourcePath(
  ref: ResourceRef,
  namespace?: string,
  name?: string,
  sub?: string
): string {
  const { group, version } = parseApiVersion(ref.apiVersion)
  const root = group ? `/apis/${group}/${version}` : `/api/${version}`
  const ns = ref.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''
  return `${root}${ns}/${ref.resource}${name ? `/${encodeURIComponent(name)}` : ''}${sub ? `/${sub}` : ''}`
}

/** Creates a KubeClient over a transport; failures become StatusErrors. */
export function createKubeClient(t: Transport, userAgent = 'mesh-lab'): KubeClient {
  const call = async <T>(r: Parameters<Transport['request']>[0]): Promise<T> => {
    const res = await t.request({ userAgent, ...r })
    if (res.status >= 300) {
      const body = (
        typeof res.body === 'object' && res.body ? res.body : { message: String(res.body) }
      ) as Partial<Status>
      throw StatusError.fromStatus(body, res.status)
    }
    return res.body as T
  }
  const writeQuery = (o?: WriteOptions & { force?: boolean }) => ({
    fieldManager: o?.fieldManager ?? userAgent,
    dryRun: o?.dryRun ? 'All' : undefined,
    force: o?.force ? 'true' : undefined,
  })
  return {
    get: (ref, name, ns) => call({ method: 'GET', path: resourcePath(ref, ns, name) }),
    list: (ref, o) =>
      call({
        method: 'GET',
        path: resourcePath(ref, o?.namespace),
        query: {
          labelSelector: o?.labelSelector,
          fieldSelector: o?.fieldSelector,
          limit: o?.limit ? String(o.limit) : undefined,
        },
      }),
    create: (ref, obj, o) =>
      call({
        method: 'POST',
        path: resourcePath(ref, obj.metadata.namespace),
        body: obj,
        query: writeQuery(o),
        handOver: o?.handOver,
      }),
    update: (ref, obj, o) =>
      call({
        method: 'PUT',
        path: resourcePath(ref, obj.metadata.namespace, obj.metadata.name, o?.subresource),
        body: obj,
        query: writeQuery(o),
        handOver: o?.handOver,
      }),
    patch: (ref, name, ns, patch, type, o) =>
      call({
        method: 'PATCH',
        path: resourcePath(ref, ns, name, o?.subresource),
        body: patch,
        contentType: type,
        query: writeQuery(o),
        handOver: o?.handOver,
      }),
    delete: (ref, name, ns, o) =>
      call({
        method: 'DELETE',
        path: resourcePath(ref, ns, name),
        body: { kind: 'DeleteOptions', apiVersion: 'v1', ...o },
      }),
    post: (ref, name, ns, sub, body) =>
      call({ method: 'POST', path: resourcePath(ref, ns, name, sub), body }),
    getPath: (path) => call({ method: 'GET', path }),
    watch: (ref, o, onEvent, onEnd) =>
      t.watch(
        {
          method: 'GET',
          path: resourcePath(ref, o.namespace),
          userAgent,
          query: {
            labelSelector: o.labelSelector,
            fieldSelector: o.fieldSelector,
            resourceVersion: o.resourceVersion,
            allowWatchBookmarks: o.allowBookmarks ? 'true' : undefined,
            timeoutSeconds: o.timeoutSeconds ? String(o.timeoutSeconds) : undefined,
          },
        },
        (ev) => onEvent(ev as WatchEvent),
        onEnd
      ),
  }
}
