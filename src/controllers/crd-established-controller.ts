import { isObject, type KubeObject, type Obj } from '../api/types.js'
import type { ResourceRef } from '../client/index.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import { isNotFound, keyOf } from './object-util.js'

const GROUP = 'apiextensions.k8s.io'

/**
 * Creates the controller that marks CustomResourceDefinitions NamesAccepted and Established, as
 * kube-apiserver's apiextensions controllers (naming, establishing) do: it watches CRDs in the
 * group's preferred version and writes, through `/status`, the conditions, the accepted names and
 * the stored versions of each CRD that has none yet. It runs in the API server, not the
 * controller manager. (The API server serves a CRD's resources as soon as it is written.)
 */
export function newCrdEstablishedController(env: ControllerEnv): Controller {
  const ctx = contextFor(env, 'apiextensions-controller')
  let inner: QueueController | undefined
  return {
    name: 'crd-established',
    async start(signal) {
      const ref = await crdRef(ctx)
      const crds = ctx.informers.for<KubeObject>(ref)
      const c = new QueueController('crd-established', ctx, [crds], (key) =>
        reconcileCrd(ctx, ref, key)
      )
      inner = c
      const add = (o: KubeObject) => {
        if (!hasConditions(o)) c.queue.add(keyOf(o))
      }
      crds.on({ add, update: (_old, o) => add(o) })
      await c.start(signal)
    },
    stop() {
      inner?.stop()
    },
  }
}

/** Returns the CRDs' ref in the version the server prefers (v1, or v1beta1 before 1.16). */
async function crdRef(ctx: ControllerContext): Promise<ResourceRef> {
  if (!ctx.client.getPath)
    throw new Error('failed to find the CRD version: the client has no getPath')
  const g = await ctx.client.getPath<{ preferredVersion?: { version?: unknown } }>(`/apis/${GROUP}`)
  const version = g.preferredVersion?.version
  if (typeof version !== 'string')
    throw new Error(`failed to find the CRD version: /apis/${GROUP} names no preferred version`)
  return {
    apiVersion: `${GROUP}/${version}`,
    resource: 'customresourcedefinitions',
    namespaced: false,
  }
}

function hasConditions(crd: KubeObject): boolean {
  const conditions = isObject(crd.status) ? crd.status.conditions : undefined
  return Array.isArray(conditions) && conditions.length > 0
}

/** Writes the Established status of one CRD that has no conditions yet. */
export async function reconcileCrd(
  ctx: ControllerContext,
  ref: ResourceRef,
  name: string
): Promise<ReconcileResult> {
  let crd: KubeObject
  try {
    crd = await ctx.client.get<KubeObject>(ref, name)
  } catch (err) {
    if (isNotFound(err)) return
    throw err
  }
  if (hasConditions(crd) || crd.metadata.deletionTimestamp) return
  const now = ctx.clock
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
  await ctx.client.update(
    ref,
    { ...crd, status: establishedStatus(crd, now) },
    { subresource: 'status' }
  )
}

/** Returns the CRD's status once its names are accepted and it is served (NamesAccepted, Established). */
export function establishedStatus(crd: KubeObject, now: string): Obj {
  const spec = isObject(crd.spec) ? crd.spec : {}
  const cond = (type: string, reason: string, message: string) => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  })
  const versions = (Array.isArray(spec.versions) ? spec.versions : []).filter(isObject)
  return {
    conditions: [
      cond('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      cond('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: spec.names ?? {},
    storedVersions: versions.length
      ? [versions.find((v) => v.storage)?.name ?? versions[0]!.name]
      : [spec.version],
  }
}
