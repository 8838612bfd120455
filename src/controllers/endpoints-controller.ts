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
import { Refs } from '../client/index.js'
import type { Pod, Service } from './workload-types.js'

interface Endpoints extends KubeObject {
  subsets?: EndpointSubset[]
}

/** Returns the selector of a Service's `spec.selector` map. */
function serviceSelector(svc: Service): LabelSelector | undefined {
  const sel = svc.spec?.selector
  if (!sel || Object.keys(sel).length === 0) return undefined
  return new LabelSelector(
    Object.entries(sel).map(([k, v]) => newRequirement(k, Operators.Equals, [v]))
  )
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
  const c = new QueueController('endpoint', ctx, [services, pods], (key) =>
    reconcileEndpoints(ctx, key)
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

/** Writes the Endpoints of one Service (`namespace/name`); deletes them when the Service is gone. */
export async function reconcileEndpoints(
  ctx: ControllerContext,
  key: string
): Promise<ReconcileResult> {
  const { namespace, name } = splitKey(key)
  let svc: Service
  try {
    svc = await ctx.client.get<Service>(Refs.services, name, namespace)
  } catch (err) {
    if (!isNotFound(err)) throw err
    try {
      await ctx.client.delete(Refs.endpoints, name, namespace)
    } catch (e) {
      if (!isNotFound(e)) throw e
    }
    return
  }
  const selector = serviceSelector(svc)
  if (!selector) return
  const pods = await listSelected<Pod>(ctx.client, Refs.pods, namespace, selector)
  const subsets = endpointSubsets(svc, pods)
  let current: Endpoints | undefined
  try {
    current = await ctx.client.get<Endpoints>(Refs.endpoints, name, namespace)
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
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
    await ctx.client.update(Refs.endpoints, desired)
    return
  }
  if (svc.metadata.deletionTimestamp) return
  try {
    await ctx.client.create(Refs.endpoints, desired)
  } catch (err) {
    // A concurrent writer got there first; the update event brings us back.
    if (!isAlreadyExists(err)) throw err
  }
}
