import {
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  StatusError,
} from '../../api/errors.js'
import type { ResourceInfo, ResourceStrategy, StrategyContext } from '../../api/resources/index.js'
import {
  apiVersionOf,
  deepCopy,
  isObject,
  parseApiVersion,
  type KubeObject,
} from '../../api/types.js'
import { recordUpdate } from '../../api/patch/index.js'
import type { RegistryContext } from './registry-context.js'
import { ServiceAllocator } from './service-allocator.js'
import { validateObject } from './validation.js'
import { sameJson } from './same-json.js'
import { toVersion } from './conversion.js'
import { createWatch, type WatchOptions } from '../watch/index.js'
import type { WatchStream } from '../request/index.js'

/** Options of a write: dry run and the field manager to record. */
export interface WriteOptions {
  dryRun: boolean
  fieldManager: string
  user: string
  subresource?: string
  /** The body's managedFields were computed by server-side apply: keep them. */
  keepManagedFields?: boolean
}

/** Options of a delete (metav1.DeleteOptions). */
export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground'
  gracePeriodSeconds?: number
  preconditions?: { uid?: string; resourceVersion?: string }
}

const GR = (info: ResourceInfo) => ({ group: info.group, resource: info.resource })
// The generic behaviour: no defaults, no status subresource, deletion at once.
const GENERIC: ResourceStrategy = {}
const strategyOf = (info: ResourceInfo): ResourceStrategy => info.strategy ?? GENERIC

/**
 * Implements the generic REST semantics of kube-apiserver over the memory store: create,
 * update, delete with finalizers and graceful deletion, defaulting, admission and validation,
 * generation and status handling, managedFields. Objects are stored once per storage and
 * returned in the version the caller asked for.
 */
export class GenericRegistry {
  private ctx: RegistryContext
  private hooks: StrategyContext

  constructor(ctx: RegistryContext) {
    this.ctx = ctx
    this.hooks = {
      list: (storage) => this.ctx.store.list(storage).items,
      allocator: new ServiceAllocator(ctx.serviceSubnet, ctx.nodePortRange, ctx.ids),
      catalog: ctx.catalog,
    }
  }

  /** Returns the object in the requested version; 404 when missing. */
  get(info: ResourceInfo, namespace: string, name: string): KubeObject {
    const o = this.ctx.store.get({ storage: info.storage, namespace, name })
    if (!o) throw notFound(GR(info), name)
    return toVersion(o, info)
  }

  /** Returns the stored object without copying it, for read-only paths; 404 when missing. */
  read(info: ResourceInfo, namespace: string, name: string): KubeObject {
    const o = this.ctx.store.peek({ storage: info.storage, namespace, name })
    if (!o) throw notFound(GR(info), name)
    return toVersion(o as KubeObject, info)
  }

  /** Returns the object or undefined. */
  find(info: ResourceInfo, namespace: string, name: string): KubeObject | undefined {
    const o = this.ctx.store.get({ storage: info.storage, namespace, name })
    return o && toVersion(o, info)
  }

  /**
   * Returns the stored objects of a resource (a namespace, or all) and the list's resourceVersion;
   * `label` narrows by an index when the store has one. Objects are as stored (`toVersion` them).
   */
  list(
    info: ResourceInfo,
    namespace: string | undefined,
    o: Parameters<RegistryContext['store']['list']>[2] = {}
  ): { items: KubeObject[]; rv: number } {
    return this.ctx.store.list(info.storage, namespace, o)
  }

  /** Creates a watch on a resource over the store (see WatchOptions). */
  watch(o: Omit<WatchOptions, 'store'>): WatchStream {
    return createWatch({ ...o, store: this.ctx.store })
  }

  /** Creates an object (defaults, admission, validation, allocation) and returns it as stored. */
  async create(
    info: ResourceInfo,
    namespace: string,
    body: unknown,
    opts: WriteOptions
  ): Promise<KubeObject> {
    const obj = this.checkBody(info, namespace, body)
    const strategy = strategyOf(info)
    // Create-only resources that store nothing (reviews) answer at once.
    if (strategy.answerCreate) return strategy.answerCreate(obj, info)
    const meta = obj.metadata
    if (!meta.name && meta.generateName)
      meta.name = `${meta.generateName}${this.ctx.ids.suffix(5, `${namespace}/${meta.generateName}`)}`
    const now = this.now()
    meta.uid = this.ctx.ids.uid(`${info.storage}/${namespace}/${meta.name ?? ''}`)
    meta.creationTimestamp = now
    delete meta.resourceVersion
    delete meta.deletionTimestamp
    delete meta.deletionGracePeriodSeconds
    if (strategy.generation) meta.generation = 1
    else delete meta.generation
    strategy.prepareForCreate?.(obj)
    strategy.defaults?.(obj, info, meta.uid)
    const mutated =
      (await this.ctx.admission.mutate(
        this.attrs('CREATE', info, namespace, obj, undefined, opts)
      )) ?? obj
    strategy.defaults?.(mutated, info, meta.uid)
    strategy.canonicalize?.(mutated)
    validateObject(mutated, info)
    await this.ctx.admission.validate(
      this.attrs('CREATE', info, namespace, mutated, undefined, opts)
    )
    strategy.allocate?.(mutated, undefined, this.hooks)
    if (this.ctx.store.peek({ storage: info.storage, namespace, name: meta.name ?? '' }))
      throw alreadyExists(GR(info), meta.name ?? '')
    const recorded = opts.keepManagedFields
      ? mutated
      : recordUpdate({
          old: undefined,
          updated: mutated,
          manager: opts.fieldManager,
          apiVersion: apiVersionOf(info.group, info.version),
          now,
          // The record's metadata, as patches use it (no lookup by kind on every write).
          ...(info.patchMeta ? { meta: info.patchMeta } : {}),
        })
    if (opts.dryRun)
      return toVersion(
        {
          ...recorded,
          metadata: { ...recorded.metadata, resourceVersion: String(this.ctx.store.currentRv()) },
        },
        info
      )
    return this.commit(info, opts.fieldManager, false, () =>
      this.ctx.store.adopt(info.storage, recorded, 'ADDED')
    )!
  }

  /**
   * Replaces an object (PUT, or the result of a patch). With a subresource of `status`, only the
   * status changes; on the main resource of a kind with a status subresource, status is kept.
   */
  async update(
    info: ResourceInfo,
    namespace: string,
    name: string,
    body: unknown,
    opts: WriteOptions
  ): Promise<KubeObject> {
    const obj = this.checkBody(info, namespace, body)
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`
      )
    }
    obj.metadata.name = name
    // The stored object itself, read-only: what the update changes is built beside it.
    const stored = this.ctx.store.peek({ storage: info.storage, namespace, name })
    if (!stored) throw notFound(GR(info), name)
    const old = toVersion(stored as KubeObject, info)
    const rv = obj.metadata.resourceVersion
    if (rv !== undefined && rv !== '' && rv !== old.metadata.resourceVersion)
      throw conflict(GR(info), name)
    const strategy = strategyOf(info)
    const next = this.merge(old, obj, opts.subresource, strategy.statusSubresource ?? false)
    if (!opts.subresource) strategy.defaults?.(next, info, next.metadata.uid ?? '')
    if (strategy.generation && specChanged(old, next))
      next.metadata.generation = (old.metadata.generation ?? 0) + 1
    const mutated = opts.subresource
      ? next
      : ((await this.ctx.admission.mutate(
          this.attrs('UPDATE', info, namespace, next, old, opts)
        )) ?? next)
    strategy.canonicalize?.(mutated)
    validateObject(mutated, info, old)
    if (!opts.subresource) strategy.allocate?.(mutated, old, this.hooks)
    const recorded = opts.keepManagedFields
      ? mutated
      : recordUpdate({
          old,
          updated: mutated,
          manager: opts.fieldManager,
          apiVersion: apiVersionOf(info.group, info.version),
          now: this.now(),
          ...(info.patchMeta ? { meta: info.patchMeta } : {}),
          ...(opts.subresource ? { subresource: opts.subresource } : {}),
        })
    return this.write(info, old, recorded, opts)
  }

  /** Writes `next` over `old` unless nothing changed; finishes a deletion whose finalizers are gone. */
  async write(
    info: ResourceInfo,
    old: KubeObject,
    next: KubeObject,
    opts: WriteOptions
  ): Promise<KubeObject> {
    if (sameIgnoringRv(old, next)) return old
    const strategy = strategyOf(info)
    // A pod in its grace period (deletionGracePeriodSeconds > 0) waits for the kubelet (store.shouldDeleteDuringUpdate).
    const inGrace = (next.metadata.deletionGracePeriodSeconds ?? 0) > 0
    if (
      next.metadata.deletionTimestamp &&
      !inGrace &&
      (next.metadata.finalizers ?? []).length === 0 &&
      !(strategy.pendingFinalizers?.(next) ?? []).length
    ) {
      if (opts.dryRun) return next
      const gone = this.commit(info, opts.fieldManager, true, () =>
        this.ctx.store.remove({
          storage: info.storage,
          namespace: next.metadata.namespace ?? '',
          name: next.metadata.name ?? '',
        })
      )
      return gone ?? toVersion(next, info)
    }
    if (opts.dryRun) return next
    next.metadata.resourceVersion = old.metadata.resourceVersion
    return this.commit(info, opts.fieldManager, false, () =>
      this.ctx.store.adopt(info.storage, next, 'MODIFIED')
    )!
  }

  /**
   * Deletes an object: at once when nothing holds it, else marks it with a deletionTimestamp
   * (finalizers, graceful pod deletion, foreground/orphan propagation, namespace termination).
   */
  async delete(
    info: ResourceInfo,
    namespace: string,
    name: string,
    opts: DeleteOptions
  ): Promise<KubeObject> {
    const old = this.read(info, namespace, name)
    const pre = opts.preconditions
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw conflict(
        GR(info),
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`
      )
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(
        GR(info),
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`
      )
    }
    await this.ctx.admission.validate(this.attrs('DELETE', info, namespace, undefined, old, opts))
    // Only metadata changes below (finalizers, deletionTimestamp, grace): the rest is the stored
    // object's, shared read-only as the store shares it between versions.
    const next: KubeObject = { ...old, metadata: { ...old.metadata } }
    const meta = next.metadata
    const strategy = strategyOf(info)
    const policy =
      opts.propagationPolicy ??
      (strategy.orphanByDefaultIn?.includes(apiVersionOf(info.group, info.version))
        ? 'Orphan'
        : 'Background')
    const finalizers = new Set(meta.finalizers ?? [])
    if (policy === 'Foreground') finalizers.add('foregroundDeletion')
    if (policy === 'Orphan') finalizers.add('orphan')
    const grace = strategy.gracePeriodSeconds?.(old, opts.gracePeriodSeconds) ?? 0
    if (strategy.markDeleted) {
      const marked = strategy.markDeleted(old, this.now())
      return marked ? this.write(info, old, marked, opts) : old
    }
    if (finalizers.size > 0 && (meta.finalizers?.length || policy !== 'Background')) {
      meta.finalizers = [...finalizers]
      meta.deletionTimestamp ??= this.now()
      meta.deletionGracePeriodSeconds = 0
      return this.write(info, old, next, opts)
    }
    if (grace > 0) {
      if (meta.deletionTimestamp && (meta.deletionGracePeriodSeconds ?? 0) <= grace) return old
      meta.deletionTimestamp = new Date(this.ctx.ids.now().getTime() + grace * 1000)
        .toISOString()
        .replace(/\.\d+Z$/, 'Z')
      meta.deletionGracePeriodSeconds = grace
      return this.write(info, old, next, opts)
    }
    if (opts.dryRun) return old
    const gone = this.commit(info, opts.fieldManager, true, () =>
      this.ctx.store.remove({ storage: info.storage, namespace, name })
    )
    return gone ?? toVersion(old, info)
  }

  /**
   * Writes through the store as `fieldManager`, runs the strategy's afterWrite hook on what was
   * written (`deleted` for a removal) and returns it in the version of `info`, read-only (the
   * stored object itself when the versions match); undefined when a delete found nothing.
   */
  private commit(
    info: ResourceInfo,
    fieldManager: string,
    deleted: boolean,
    write: () => Readonly<KubeObject> | undefined
  ): KubeObject | undefined {
    const done = this.ctx.store.writing(fieldManager, write) as KubeObject | undefined
    if (done === undefined) return done
    strategyOf(info).afterWrite?.(done, deleted, this.hooks)
    return toVersion(done, info)
  }

  private merge(
    old: KubeObject,
    obj: KubeObject,
    subresource: string | undefined,
    statusSub: boolean
  ): KubeObject {
    const keep = [
      'uid',
      'creationTimestamp',
      'deletionTimestamp',
      'deletionGracePeriodSeconds',
      'generation',
      'namespace',
      'name',
    ] as const
    let next: KubeObject
    if (subresource === 'status') {
      // Only the top level and metadata are new; the rest is the stored object's, never changed.
      const status = isObject(obj.status) ? { ...obj.status } : obj.status
      next = { ...old, metadata: { ...old.metadata }, status }
    } else {
      // The body is the request's own (checkBody gave it a new top level and metadata).
      next = obj
      if (statusSub) next.status = deepCopy(old.status)
    }
    for (const k of keep) {
      if (old.metadata[k] === undefined) Reflect.deleteProperty(next.metadata, k)
      else (next.metadata as Record<string, unknown>)[k] = old.metadata[k]
    }
    next.metadata.managedFields = obj.metadata.managedFields ?? old.metadata.managedFields
    if (next.metadata.deletionTimestamp) {
      const added = (next.metadata.finalizers ?? []).filter(
        (f) => !(old.metadata.finalizers ?? []).includes(f)
      )
      if (added.length) {
        // ValidateNoNewFinalizers: a 422 on metadata.finalizers, listing the new ones as Go prints a []string.
        const list = `[]string{${[...new Set(added)]
          .sort()
          .map((f) => JSON.stringify(f))
          .join(', ')}}`
        throw invalid(
          old.kind ?? '',
          parseApiVersion(old.apiVersion ?? '').group,
          old.metadata.name ?? '',
          [
            {
              field: 'metadata.finalizers',
              message: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${list}`,
              reason: 'FieldValueForbidden',
            },
          ]
        )
      }
    }
    return next
  }

  private checkBody(info: ResourceInfo, namespace: string, body: unknown): KubeObject {
    if (!isObject(body)) throw badRequest('the body of the request was not a JSON object')
    // Bodies arrive fresh (parsed from the wire, or copied by the in-process transport); a new
    // top level and metadata all the same, for a caller that built its body from a stored object.
    const obj = { ...body } as KubeObject
    obj.metadata = isObject(obj.metadata) ? { ...obj.metadata } : {}
    const want = apiVersionOf(info.group, info.version)
    if (
      obj.apiVersion !== undefined &&
      obj.apiVersion !== want &&
      !this.sameStorage(info, String(obj.apiVersion), obj.kind)
    ) {
      throw badRequest(
        `the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${want})`
      )
    }
    if (obj.kind !== undefined && obj.kind !== info.kind) {
      throw badRequest(
        `the kind in the data (${String(obj.kind)}) does not match the expected kind (${info.kind})`
      )
    }
    obj.apiVersion = want
    obj.kind = info.kind
    if (info.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== namespace) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request'
        )
      }
      obj.metadata.namespace = namespace
    } else delete obj.metadata.namespace
    return obj
  }

  private sameStorage(info: ResourceInfo, apiVersion: string, kind: unknown): boolean {
    return this.ctx.catalog
      .sharingStorage(info.storage)
      .some((r) => apiVersionOf(r.group, r.version) === apiVersion && r.kind === kind)
  }

  private attrs(
    operation: 'CREATE' | 'UPDATE' | 'DELETE',
    info: ResourceInfo,
    namespace: string,
    object: KubeObject | undefined,
    oldObject: KubeObject | undefined,
    opts: WriteOptions
  ) {
    return {
      operation,
      info,
      namespace,
      name: object?.metadata.name ?? oldObject?.metadata.name ?? '',
      ...(opts.subresource ? { subresource: opts.subresource } : {}),
      ...(object ? { object } : {}),
      ...(oldObject ? { oldObject } : {}),
      dryRun: opts.dryRun,
      user: opts.user,
    }
  }

  private now(): string {
    // Written to the second: one text per second, not per write.
    const second = Math.floor(this.ctx.ids.now().getTime() / 1000)
    if (second !== this.nowSecond) {
      this.nowSecond = second
      this.nowText = new Date(second * 1000).toISOString().replace(/\.\d+Z$/, 'Z')
    }
    return this.nowText
  }

  // The second now() last wrote, and its text.
  private nowSecond = NaN
  private nowText = ''
}

// Both compare as their JSON texts would, without writing them (see sameJson).
function specChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, ...rest } = o
    return rest
  }
  return !sameJson(strip(a), strip(b))
}

function sameIgnoringRv(a: KubeObject, b: KubeObject): boolean {
  const norm = (o: KubeObject) => ({
    ...o,
    metadata: { ...o.metadata, resourceVersion: undefined, managedFields: undefined },
  })
  return sameJson(norm(a), norm(b))
}

/** Throws 422 for an invalid object (re-exported helper for subresources). */
export function invalidField(
  info: ResourceInfo,
  name: string,
  field: string,
  message: string
): StatusError {
  return invalid(info.kind, info.group, name, [{ field, message }])
}
