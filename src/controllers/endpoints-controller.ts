import type { KubeObject } from '../api/types.js'
import { LabelSelector, newRequirement, Operators } from '../api/selectors/index.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import { endpointSubsets, type EndpointSubset } from './endpoint-subsets.js'
import {
  isAlreadyExists,
  isNotFound,
  jsonEqual,
  keyOf,
  listSelected,
  splitKey,
} from './object-util.js'
import { Refs, type Informer, type ResourceRef } from '../client/index.js'
import { byKey } from './cached-candidates.js'
import { MutationCache, writeThrough } from './mutation-cache.js'
import type { Pod, Service } from './workload-types.js'

interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[]
}

// One selector per Service object (informer objects are never changed, so the object is the key).
const selectors = new WeakMap<Service, LabelSelector | undefined>()

/** Returns the selector of a Service's `spec.selector` map. */
function serviceSelector(svc: Service): LabelSelector | undefined {
  if (selectors.has(svc)) return selectors.get(svc)
  const sel = svc.spec?.selector
  const selector =
    !sel || Object.keys(sel).length === 0
      ? undefined
      : new LabelSelector(
          Object.entries(sel).map(([k, v]) => newRequirement(k, Operators.Equals, [v]))
        )
  selectors.set(svc, selector)
  return selector
}

/** The caches an endpoints sync reads (kube-controller-manager's service, pod and endpoints listers). */
export interface EndpointsListers {
  services: Informer<Service>
  pods: Informer<Pod>
  endpoints: MutationCache<Endpoints>
}

/**
 * Creates the endpoints controller: each Service with a selector gets an Endpoints object of the
 * same name listing the IPs of its selected pods, ready ones in `addresses` and the others in
 * `notReadyAddresses`, with the service ports resolved against the pods' container ports.
 * Services without a selector are left to their users.
 */
export function newEndpointsController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'endpoint-controller')
  const services = ctx.informers.for<Service>(Refs.services)
  const pods = ctx.informers.for<Pod>(Refs.pods)
  const endpoints = ctx.informers.for<Endpoints>(Refs.endpoints)
  const listers = { services, pods, endpoints: new MutationCache(endpoints) }
  const c = new QueueController('endpoint', ctx, [services, pods, endpoints], (key) =>
    reconcileEndpoints(ctx, key, listers)
  )
  services.on({
    add: (s) => c.queue.add(keyOf(s)),
    update: (_o, s) => c.queue.add(keyOf(s)),
    delete: (s) => c.queue.add(keyOf(s)),
  })
  const byPod = (p: Pod) => {
    for (const s of services.list(p.metadata.namespace ?? '')) {
      if (serviceSelector(s)?.matches(p.metadata.labels)) c.queue.add(keyOf(s))
    }
  }
  pods.on({
    add: byPod,
    update: (old, p) => {
      byPod(p)
      if (!jsonEqual(old.metadata.labels, p.metadata.labels)) byPod(old)
    },
    delete: byPod,
  })
  return c
}

/**
 * Writes the Endpoints of one Service (`namespace/name`); deletes them when the Service is gone.
 * With `listers` the Service, its pods and the Endpoints are read from the informers' caches
 * (the Endpoints with this controller's own writes the informer has not delivered yet), as
 * kube-controller-manager's syncService reads its listers, else through the API.
 */
export async function reconcileEndpoints(
  ctx: ControllerContext,
  key: string,
  listers?: EndpointsListers
): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key)
  const svc = listers
    ? listers.services.get(key)
    : await getOrUndefined<Service>(ctx, Refs.services, name, namespace)
  if (!svc) {
    listers?.endpoints.forget(key)
    try {
      await ctx.client.delete(Refs.endpoints, name, namespace)
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
    return
  }
  const selector = serviceSelector(svc)
  if (!selector) return
  const pods = listers
    ? cachedPods(listers.pods, namespace, selector)
    : await listSelected<Pod>(ctx.client, Refs.pods, namespace, selector)
  const subsets = endpointSubsets(svc, pods)
  const current = listers
    ? listers.endpoints.get(key)
    : await getOrUndefined<Endpoints>(ctx, Refs.endpoints, name, namespace)
  const labels = svc.metadata.labels
  const desired: Endpoints = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { ...(current?.metadata ?? { name, namespace }), ...(labels ? { labels } : {}) },
    ...(subsets.length ? { subsets } : {}),
  }
  if (!labels) delete desired.metadata.labels
  if (current) {
    if (
      jsonEqual(current.subsets ?? [], subsets) &&
      jsonEqual(current.metadata.labels ?? {}, labels ?? {})
    )
      return
    await writeThrough(listers?.endpoints, key, () => ctx.client.update(Refs.endpoints, desired))
    return
  }
  if (svc.metadata.deletionTimestamp) return
  try {
    await writeThrough(listers?.endpoints, key, () => ctx.client.create(Refs.endpoints, desired))
  } catch (err) {
    // A concurrent writer got there first; the update event brings us back.
    if (!isAlreadyExists(err)) throw err
  }
}

/** Returns an object read through the API, or undefined when there is none. */
async function getOrUndefined<T extends KubeObject>(
  ctx: ControllerContext,
  ref: ResourceRef,
  name: string,
  namespace: string
): Promise<T | undefined> {
  try {
    return await ctx.client.get<T>(ref, name, namespace)
  } catch (err) {
    if (isNotFound(err)) return undefined
    throw err
  }
}

/** Returns the cached pods of a namespace a selector matches, in key order (as a list gives them). */
function cachedPods(inf: Informer<Pod>, namespace: string, selector: LabelSelector): Pod[] {
  if (!selector.isEmpty() && !selector.toString()) return []
  return inf
    .list(namespace)
    .filter((p) => selector.matches(p.metadata.labels))
    .sort(byKey)
}
