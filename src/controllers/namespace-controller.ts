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
import { customResourceRefs, NAMESPACED_RESOURCES } from './namespaced-resources.js'
import { isNotFound, keyOf } from './object-util.js'
import { Refs } from './refs.js'

const FINALIZER = 'kubernetes'
// How long a terminating namespace waits before looking again at what is still being deleted.
const RECHECK_MS = 1000

interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] }
}

/**
 * Creates the namespace controller: for a namespace being deleted, deletes every object of every
 * namespaced resource in it (built-in and custom), waits until nothing is left (graceful pod
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
  const groups: ResourceRef[][] = [
    ...NAMESPACED_RESOURCES,
    ...(await customResourceRefs(ctx.client)).map((r) => [r]),
  ]
  let remaining = 0
  for (const alternatives of groups) remaining += await deleteAll(ctx, alternatives, name)
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
  alternatives: ResourceRef[],
  namespace: string
): Promise<number> {
  for (const ref of alternatives) {
    let items: KubeObject[]
    try {
      items = (await ctx.client.list(ref, { namespace })).items
    } catch (err) {
      // Not served by this server version: try the next version of the resource.
      if (isNotFound(err)) continue
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
        if (!isNotFound(err)) throw err
      }
    }
    return left
  }
  return 0
}
