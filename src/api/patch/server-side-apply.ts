import { badRequest } from '../errors.js'
import { deepCopy, type KubeObject } from '../types.js'
import { patchMetaFor } from './builtin-patch-meta.js'
import { compareObjects, toFieldSet } from './field-walk.js'
import { jsonEqual } from './json-equal.js'
import {
  applyConflictError,
  decodeManagedFields,
  encodeManagedFields,
  ownableFields,
  type FieldConflict,
  type ManagerEntry,
} from './managed-fields.js'
import type { PatchMeta } from './patch-meta.js'
import { mergeApplied, removeFields } from './ssa-merge.js'

/** Options of `serverSideApply()`. */
export interface ServerSideApplyOptions {
  /** The stored object, or undefined when the apply creates it. */
  live: KubeObject | undefined
  /** The applied configuration (the request body). */
  applied: KubeObject
  /** The `fieldManager` query parameter (required for apply). */
  manager: string
  /** The `force` query parameter: take over conflicting fields instead of failing. */
  force: boolean
  /** The API version of the request (`apps/v1`). */
  apiVersion: string
  /** The current time, RFC 3339 (`2018-08-01T10:00:00Z`). */
  now: string
  /** List and map semantics; default `patchMetaFor(apiVersion, kind)` (custom resources: none). */
  meta?: PatchMeta
  /** The subresource applied to (`status`), if any. */
  subresource?: string
  /** Top-level fields the endpoint resets and nobody owns through it; see `defaultResetFields`. */
  resetFields?: readonly string[]
}

/**
 * Returns the top-level fields whose changes an endpoint does not record: `status` on the main
 * resource of a built-in type; `spec` and `metadata` on its status subresource (the status
 * strategies of most kinds reset spec and labels; the lab resets all metadata). Custom
 * resources reset nothing by default: the server knows whether their CRD has a status
 * subresource and can pass `resetFields`.
 */
export function defaultResetFields(meta: PatchMeta | undefined, subresource?: string): string[] {
  if (subresource === 'status') return ['metadata', 'spec']
  if (subresource) return []
  return meta ? ['status'] : []
}

/**
 * Returns the object after a server-side apply, with `metadata.managedFields` updated, following
 * the field manager of kube-apiserver (structured-merge-diff merge/update.go):
 * - the configuration is merged into the live object;
 * - the applier then owns exactly the fields its configuration sets (apiVersion, kind and the
 *   identity fields of metadata are never owned);
 * - fields it owned through its previous apply and no longer sets are removed from the object,
 *   unless another manager owns them (or something below them);
 * - fields owned by another manager whose value the apply changes are conflicts: 409 Conflict
 *   (`Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1:
 *   .spec.replicas`), unless `force`, which moves them to the applier. Setting a field to the
 *   value it already has is not a conflict: both managers then share it.
 * Not modelled: kubectl's last-applied-configuration upgrade (lastAppliedManager/Updater), the
 * cap of 10 Update managers, version conversion of field sets, duplicate-key validation.
 */
export function serverSideApply(opts: ServerSideApplyOptions): KubeObject {
  const { applied, manager, apiVersion } = opts
  const given = applied.metadata?.managedFields as unknown
  if (given !== undefined && given !== null) throw badRequest('metadata.managedFields must be nil')
  if ((applied.apiVersion ?? '') !== apiVersion) {
    throw badRequest(
      `Incorrect version specified in apply patch. Specified patch version: ${applied.apiVersion ?? ''}, expected: ${apiVersion}`
    )
  }
  const meta = opts.meta ?? patchMetaFor(apiVersion, applied.kind ?? '')
  const reset = opts.resetFields ?? defaultResetFields(meta, opts.subresource)
  const live = withoutManagedFields(opts.live ?? { metadata: {} })
  const entries = decodeManagedFields(opts.live?.metadata.managedFields)
  const self = entries.find(
    (e) =>
      e.manager === manager &&
      e.operation === 'Apply' &&
      (e.subresource ?? '') === (opts.subresource ?? '')
  )
  const others = entries.filter((e) => e !== self)
  const config = deepCopy(applied) as KubeObject

  const mine = ownableFields(toFieldSet(config, meta), reset)
  let merged = mergeApplied(live, config, meta) as KubeObject
  if (self) {
    const owned = others.reduce((s, e) => s.union(e.fields), mine)
    const dropped = self.fields.paths().filter((p) => !owned.has(p) && !owned.hasDescendant(p))
    merged = removeFields(deepCopy(merged), dropped, meta)
  }

  const diff = compareObjects(live, merged, meta)
  const changed = ownableFields(diff.added.union(diff.modified), reset)
  const removed = ownableFields(diff.removed, reset)
  const conflicts: FieldConflict[] = others.flatMap((e) =>
    e.fields
      .intersection(changed)
      .paths()
      .map((path) => ({ owner: e, path }))
  )
  if (conflicts.length > 0 && !opts.force) throw applyConflictError(conflicts)

  const unchanged = self !== undefined && jsonEqual(live, merged)
  const result: ManagerEntry[] = others.map((e) => ({
    ...e,
    fields: e.fields.difference(changed).difference(removed),
  }))
  result.push({
    manager,
    operation: 'Apply',
    apiVersion,
    // A no-op apply keeps the time of the previous one (managedFieldsUpdater).
    time: unchanged && self.time !== undefined ? self.time : opts.now,
    ...(opts.subresource ? { subresource: opts.subresource } : {}),
    fields: mine,
  })
  merged.metadata = { ...merged.metadata, managedFields: encodeManagedFields(result) }
  if (merged.metadata.managedFields?.length === 0) delete merged.metadata.managedFields
  return merged
}

/** Returns a copy of an object without `metadata.managedFields`. */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  const copy = deepCopy(obj)
  if (copy.metadata) delete copy.metadata.managedFields
  return copy
}
