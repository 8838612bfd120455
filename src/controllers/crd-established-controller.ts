import { asObject, isObject, type KubeObject, type Obj } from '../api/types.js'
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
import { MutationCache, writeThrough } from './mutation-cache.js'

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
      const cache = new MutationCache(crds)
      const c = new QueueController('crd-established', ctx, [crds], (key) =>
        reconcileCrd(ctx, ref, key, cache)
      )
      inner = c
      const add = (o: KubeObject) => {
        if (wantsNames(o)) c.queue.add(keyOf(o))
      }
      // A deleted CRD frees its names: the CRDs of its group that were refused them try again.
      const freed = (o: KubeObject) => {
        for (const other of crds.list())
          if (groupOf(other) === groupOf(o) && wantsNames(other)) c.queue.add(keyOf(other))
      }
      crds.on({ add, update: (_old, o) => add(o), delete: freed })
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

function conditionsOf(crd: KubeObject): Obj[] {
  const conditions = isObject(crd.status) ? crd.status.conditions : undefined
  return Array.isArray(conditions) ? conditions.filter(isObject) : []
}

// A CRD is the controller's to name while it has no conditions, or its names were refused
// (NamesAccepted False); conditions anyone else wrote are left alone.
function wantsNames(crd: KubeObject): boolean {
  const conditions = conditionsOf(crd)
  if (conditions.length === 0) return true
  return conditions.some((c) => c.type === 'NamesAccepted' && c.status === 'False')
}

function groupOf(crd: KubeObject): string {
  return isObject(crd.spec) && typeof crd.spec.group === 'string' ? crd.spec.group : ''
}

/**
 * Writes the naming and Established status of one CRD that has no conditions yet, or was refused
 * its names. With `cache` the CRDs are read from the informer's cache plus this controller's own
 * status writes it has not delivered yet (the naming controller's crdMutationCache: a name it
 * just accepted is in use at once), else through the API.
 */
export async function reconcileCrd(
  ctx: ControllerContext,
  ref: ResourceRef,
  name: string,
  cache?: MutationCache<KubeObject>
): Promise<ReconcileResult> {
  let crd: KubeObject | undefined
  if (cache) crd = cache.get(name)
  else
    try {
      crd = await ctx.client.get<KubeObject>(ref, name)
    } catch (err) {
      if (!isNotFound(err)) throw err
    }
  if (!crd || !wantsNames(crd) || crd.metadata.deletionTimestamp) return
  const now = ctx.clock
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
  const others = cache ? cache.list() : (await ctx.client.list<KubeObject>(ref)).items
  const status = namingStatus(crd, others, now)
  await writeThrough(cache, name, () =>
    ctx.client.update(ref, { ...crd, status }, { subresource: 'status' })
  )
}

/** Returns the CRD's status once its names are accepted and it is served (NamesAccepted, Established). */
export function establishedStatus(crd: KubeObject, now: string): Obj {
  const spec = asObject(crd.spec)
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

type Names = Record<string, unknown>

const text = (v: unknown): string => (typeof v === 'string' ? v : '')
const texts = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []

/** The names the other CRDs of a CRD's group have been given (getAcceptedNamesForGroup). */
function claimedNames(crd: KubeObject, others: readonly KubeObject[]) {
  const resources = new Set<string>()
  const kinds = new Set<string>()
  for (const o of others) {
    if (o.metadata.name === crd.metadata.name || groupOf(o) !== groupOf(crd)) continue
    const n: Names = asObject(asObject(o.status).acceptedNames)
    for (const r of [text(n.plural), text(n.singular), ...texts(n.shortNames)])
      if (r) resources.add(r)
    for (const k of [text(n.kind), text(n.listKind)]) if (k) kinds.add(k)
  }
  return { resources, kinds }
}

// equalToAcceptedOrFresh: a name is the CRD's own already, or nobody else's.
function inUse(requested: string, accepted: string, used: Set<string>): string | undefined {
  if (requested === accepted || !used.has(requested)) return undefined
  return `"${requested}" is already in use`
}

/**
 * Returns a CRD's status as kube-apiextensions 1.11's naming controller
 * (calculateNamesAndConditions) computes it against the other CRDs: a name another CRD of the
 * group has been given is refused (NamesAccepted False, reason PluralConflict, SingularConflict,
 * ShortNamesConflict, KindConflict or ListKindConflict, message `"gadgets" is already in use`;
 * Established False, NotAccepted), the names without conflict are accepted; with no conflict,
 * the CRD is accepted and established at once (establishedStatus).
 */
export function namingStatus(crd: KubeObject, others: readonly KubeObject[], now: string): Obj {
  const spec = asObject(crd.spec)
  const status = asObject(crd.status)
  const want: Names = asObject(spec.names)
  const had: Names = asObject(status.acceptedNames)
  const { resources, kinds } = claimedNames(crd, others)
  const next: Names = { ...had }
  let refused: [reason: string, message: string] | undefined
  const check = (key: string, used: Set<string>, reason: string) => {
    const why = inUse(text(want[key]), text(had[key]), used)
    if (why) refused = [reason, why]
    else if (want[key] !== undefined) next[key] = want[key]
  }
  check('plural', resources, 'PluralConflict')
  check('singular', resources, 'SingularConflict')
  const mine = new Set(texts(had.shortNames))
  const taken = texts(want.shortNames).flatMap((n) =>
    mine.has(n) ? [] : (inUse(n, '', resources) ?? [])
  )
  if (taken.length > 0)
    refused = ['ShortNamesConflict', taken.length === 1 ? taken[0]! : `[${taken.join(', ')}]`]
  else if (want.shortNames !== undefined) next.shortNames = want.shortNames
  check('kind', kinds, 'KindConflict')
  check('listKind', kinds, 'ListKindConflict')
  if (want.categories !== undefined) next.categories = want.categories
  if (!refused) return establishedStatus(crd, now)
  const [reason, message] = refused
  const established = conditionsOf(crd).find((c) => c.type === 'Established' && c.status === 'True')
  return {
    ...establishedStatus(crd, now),
    conditions: [
      { type: 'NamesAccepted', status: 'False', lastTransitionTime: now, reason, message },
      established ?? {
        type: 'Established',
        status: 'False',
        lastTransitionTime: now,
        reason: 'NotAccepted',
        message: 'not all names are accepted',
      },
    ],
    acceptedNames: next,
  }
}
