import type { PatchMeta } from '../patch/patch-meta.js'
import type { PrinterSpec } from '../printers/index.js'
import type { SelectableField } from '../selectors/selectable-field.js'
import type { KubeObject } from '../types.js'

/** The description of one served resource, as discovery and routing need it. */
export interface ResourceInfo {
  group: string
  version: string
  /** Plural, lower-case: `deployments`. */
  resource: string
  kind: string
  singular: string
  namespaced: boolean
  shortNames: string[]
  categories: string[]
  verbs: string[]
  subresources: SubresourceInfo[]
  /**
   * Where objects of this resource are stored, shared by every version and group that serves the
   * same objects (`deployments` for apps/v1 and extensions/v1beta1), as kube-apiserver shares etcd keys.
   */
  storage: string
  /** For custom resources: the CRD's printer columns and schema flags. */
  crd?: CrdServing
  /** How the registry treats the objects (the storage's record; generic when absent). */
  strategy?: ResourceStrategy
  /** The record's Table printer (absent: the default printer, or the CRD's columns). */
  printer?: PrinterSpec
  /** Strategic-merge-patch metadata; absent for custom resources, which refuse SMP (415). */
  patchMeta?: PatchMeta
  /** The fields a fieldSelector may name (absent: metadata.name and metadata.namespace). */
  fields?: readonly SelectableField[]
}

/** A subresource (`deployments/scale`). */
export interface SubresourceInfo {
  name: string
  kind: string
  group: string
  version: string
  verbs: string[]
}

/** What a CRD adds to a custom resource's serving. */
export interface CrdServing {
  name: string
  printerColumns: PrinterColumn[]
  preserveUnknownFields: boolean
}

/** An additionalPrinterColumns entry (normalised to the v1 spelling). */
export interface PrinterColumn {
  name: string
  type: string
  format?: string
  description?: string
  priority?: number
  jsonPath: string
}

/** All verbs of a namespaced or cluster resource that supports everything. */
export const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
]

/** One field error of a validation, as a Status cause. */
export interface FieldError {
  field: string
  message: string
  reason?: string
}

/** How an object's name is checked: DNS-1123 subdomain (default), DNS-1123 label, or a path segment. */
export type NameFormat = 'subdomain' | 'label' | 'path'

/** What the registry lends a strategy's hooks: the objects of a storage and the allocators. */
export interface StrategyContext {
  /** Returns the stored objects of a storage (all namespaces). */
  list(storage: string): KubeObject[]
  /** Allocates ClusterIPs and NodePorts (kube-apiserver's service IP and port allocators). */
  allocator: {
    allocate(obj: KubeObject, old: KubeObject | undefined, existing: KubeObject[]): void
  }
  /** The served resources, for hooks that change what is served (CRDs). */
  catalog: {
    setCustom(crdName: string, infos: ResourceInfo[]): void
  }
}

/**
 * How the registry treats the objects of one storage, as a `strategy.go` of
 * kube-apiserver's `pkg/registry/<group>/<resource>/`: every field is optional; an absent hook is
 * the generic behaviour (no defaults, no status subresource, deletion at once).
 */
export interface ResourceStrategy {
  /** Status is written only through the status subresource. */
  statusSubresource?: boolean
  /** metadata.generation is kept and bumped on spec changes. */
  generation?: boolean
  /** How names are validated (default `subdomain`). */
  nameFormat?: NameFormat
  /** Resets what a client may not set on create and sets the initial status (PrepareForCreate). */
  prepareForCreate?(obj: KubeObject): void
  /** Sets the defaults of a new or updated object in the version it was sent as. */
  defaults?(obj: KubeObject, info: ResourceInfo, uid: string): void
  /**
   * Writes the object as a round trip through kube-apiserver's Go types would (every write,
   * status included): a `metav1.Time` that is not a pointer comes back as `null`, never absent.
   */
  canonicalize?(obj: KubeObject): void
  /** Returns the field errors of an object (and of an update from `old`). */
  validate?(obj: KubeObject, info: ResourceInfo, old?: KubeObject): FieldError[]
  /** Allocates what the object needs from cluster-wide pools (ClusterIP, NodePort), after validation. */
  allocate?(obj: KubeObject, old: KubeObject | undefined, ctx: StrategyContext): void
  /**
   * The group/versions in which a delete orphans dependents unless told otherwise
   * (DefaultGarbageCollectionPolicy; elsewhere Background).
   */
  orphanByDefaultIn?: string[]
  /** Seconds a deletion waits (graceful deletion, CheckGracefulDelete); 0 or absent: at once. */
  gracePeriodSeconds?(old: KubeObject, requested: number | undefined): number
  /**
   * Replaces the generic deletion (a namespace turns Terminating): returns the object to write,
   * or undefined when it is already being deleted.
   */
  markDeleted?(old: KubeObject, now: string): KubeObject | undefined
  /** Finalizers besides metadata.finalizers that keep a deleted object (a namespace's spec.finalizers). */
  pendingFinalizers?(obj: KubeObject): unknown[]
  /** For create-only resources that store nothing (reviews): the answer to a create. */
  answerCreate?(obj: KubeObject, info: ResourceInfo): KubeObject
  /** Runs after an object was written or removed (a CRD changes what the server serves). */
  afterWrite?(obj: KubeObject, deleted: boolean, ctx: StrategyContext): void
  /** Drops what the target version does not have when converting between versions of one storage. */
  convert?(obj: KubeObject, info: ResourceInfo): KubeObject
  /**
   * Where the `proxy` subresource sends a request for `[scheme:]name[:port]` (ResourceLocation):
   * absent, the resource has no proxy; throws a StatusError when there is nowhere to send it.
   */
  proxyTarget?(obj: KubeObject, rawName: string, port: string): ProxyTarget
  /** Subresources served only over an upgraded connection (pods: exec, attach, portforward). */
  streamedSubresources?: string[]
}

/** Where a proxy subresource goes: a node's kubelet, or an address in the cluster's network. */
export type ProxyTarget =
  | { node: string }
  | {
      host: string
      port: string
      /** How connection errors name the target (`service`, `pod`). */
      what: string
      /** The message when the connection is refused (a Service: no endpoints). */
      refused?: string
    }
