import type { KubeObject } from '../api/types.js'
import { isStatusError } from '../api/errors.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import { isAlreadyExists, isNotFound, keyOf } from './object-util.js'
import { Refs, type Informer } from '../client/index.js'

/** The service accounts every namespace gets. */
export const DEFAULT_SERVICE_ACCOUNTS = ['default']

/**
 * Creates the service account controller: every active namespace gets a `default`
 * ServiceAccount, created again if deleted. Queue keys are namespace names.
 */
export function newServiceAccountController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'service-account-controller')
  const namespaces = ctx.informers.for(Refs.namespaces)
  const accounts = ctx.informers.for(Refs.serviceAccounts)
  const c = new QueueController('serviceaccount', ctx, [namespaces, accounts], (key) =>
    reconcileServiceAccounts(ctx, key, { namespaces, accounts })
  )
  namespaces.on({ add: (o) => c.queue.add(keyOf(o)), update: (_old, o) => c.queue.add(keyOf(o)) })
  accounts.on({
    delete: (o) => {
      if (DEFAULT_SERVICE_ACCOUNTS.includes(o.metadata.name ?? ''))
        c.queue.add(o.metadata.namespace ?? '')
    },
  })
  return c
}

/** The caches a service account sync reads (kube-controller-manager's nsLister and saLister). */
export interface ServiceAccountListers {
  namespaces: Informer<KubeObject>
  accounts: Informer<KubeObject>
}

/**
 * Creates the missing default ServiceAccounts of one namespace. With `listers` the namespace and
 * its accounts are read from the informers' caches (an account the cache has not shown yet is
 * created again and refused as AlreadyExists), else through the API.
 */
export async function reconcileServiceAccounts(
  ctx: ControllerContext,
  namespace: string,
  listers?: ServiceAccountListers
): Promise<ReconcileResult> {
  let ns: KubeObject | undefined
  if (listers) ns = listers.namespaces.get(namespace)
  else
    try {
      ns = await ctx.client.get(Refs.namespaces, namespace)
    } catch (err) {
      if (!isNotFound(err)) throw err
    }
  if (!ns) return
  const phase = (ns.status as { phase?: string } | undefined)?.phase
  if (ns.metadata.deletionTimestamp || phase === 'Terminating') return
  for (const name of DEFAULT_SERVICE_ACCOUNTS) {
    if (listers) {
      if (listers.accounts.get(`${namespace}/${name}`)) continue
    } else
      try {
        await ctx.client.get(Refs.serviceAccounts, name, namespace)
        continue
      } catch (err) {
        if (!isNotFound(err)) throw err
      }
    try {
      await ctx.client.create(Refs.serviceAccounts, {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name, namespace },
      })
    } catch (err) {
      // Someone else created it, or the namespace started terminating meanwhile.
      if (!isAlreadyExists(err) && !isStatusError(err, 'Forbidden') && !isNotFound(err)) throw err
    }
  }
}
