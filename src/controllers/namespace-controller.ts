import type { KubeObject } from '../api/types.js'
import type { ResourceRef } from '../client/index.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import { discoverNamespacedResources } from './namespaced-resources.js'
import { isNotFound, keyOf } from './object-util.js'
import { Refs } from '../client/index.js'

const FINALIZER = 'kubernetes'
// How long a terminating namespace waits before looking again at what is still being deleted.
const RECHECK_MS = 1000
/**
 * Wall-clock time one pass of kube-controller-manager's namespace controller spends before it
 * deletes anything: a full discovery of the API server over the network. It is real work, not an
 * emulated wait, so the time factor does not shorten it; it is why a client that deletes a
 * namespace and then the objects in it (`kubectl delete -f` of a manifest holding its namespace)
 * still finds them on a real cluster.
 */
export const DISCOVERY_LATENCY_MS = 300

interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] }
}

/**
 * Creates the namespace controller: for a namespace being deleted, discovers the served namespaced
 * resources, deletes every object of each in it (built-in and custom), waits until nothing is left (graceful pod
 * deletion, finalizers), then removes the `kubernetes` finalizer through `namespaces/<n>/finalize`,
 * after which the API server removes the namespace.
 */
export function newNamespaceController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'namespace-controller')
  const namespaces = ctx.informers.for<Namespace>(Refs.namespaces)
  const c = new QueueController('namespace', ctx, [namespaces], (key) =>
    reconcileNamespace(ctx, key)
  )
  const maybe = (o: Namespace) => {
    if (o.metadata.deletionTimestamp) c.queue.add(keyOf(o))
  }
  namespaces.on({ add: maybe, update: (_old, o) => maybe(o) })
  return c
}

/** Empties and finalizes one terminating namespace; requeues while objects remain. */
export async function reconcileNamespace(
  ctx: ControllerContext,
  name: string
): Promise<ReconcileResult> {
  let ns: Namespace
  try {
    ns = await ctx.client.get<Namespace>(Refs.namespaces, name)
  } catch (err) {
    if (isNotFound(err)) return
    throw err
  }
  if (!ns.metadata.deletionTimestamp || !(ns.spec?.finalizers ?? []).includes(FINALIZER)) return
  const [resources] = await Promise.all([
    discoverNamespacedResources(ctx.client),
    new Promise((r) => setTimeout(r, DISCOVERY_LATENCY_MS)),
  ])
  let remaining = 0
  for (const ref of resources) remaining += await deleteAll(ctx, ref, name)
  if (remaining > 0) return { requeueAfterMs: RECHECK_MS }
  const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FINALIZER)
  try {
    await ctx.client.update(
      Refs.namespaces,
      { ...ns, spec: { ...ns.spec, finalizers } },
      { subresource: 'finalize' }
    )
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
}

/** Deletes every object of a resource in a namespace; returns how many are still there (being deleted). */
async function deleteAll(
  ctx: ControllerContext,
  ref: ResourceRef,
  namespace: string
): Promise<number> {
  let items: KubeObject[]
  try {
    items = (await ctx.client.list(ref, { namespace })).items
  } catch (err) {
    // Stopped being served since discovery (a CRD deleted meanwhile).
    if (isNotFound(err)) return 0
    throw err
  }
  let left = 0
  for (const o of items) {
    if (o.metadata.deletionTimestamp) {
      left++
      continue
    }
    try {
      const r = await ctx.client.delete(ref, o.metadata.name ?? '', namespace, {
        propagationPolicy: 'Background',
      })
      if (r.metadata.deletionTimestamp) left++
    } catch (err) {
      // Already gone, possibly through another group serving the same objects (extensions).
      if (!isNotFound(err)) throw err
    }
  }
  return left
}
