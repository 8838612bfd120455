import type { PatchMeta } from '../patch/patch-meta.js'
import type { PrinterSpec } from '../printers/index.js'
import type { SelectableField } from '../selectors/selectable-field.js'
import type { ResourceStrategy } from './resource-info.js'

/** A [first, last] minor-version range of Kubernetes 1.x in which a group/version served a resource. */
export type Served = [version: string, from: number, until: number]

/** The last minor version, for resources still served today. */
export const LAST = 99

/**
 * One built-in resource as one record: what discovery serves (kind, scope, names, verbs,
 * subresources, the versions by Kubernetes minor version) and how the registry treats it.
 * Each record is one file under `builtin/<group>/<resource>.ts` (the core group is `core`); the
 * catalogue loads every file there, so adding a plain resource is adding one file.
 */
export interface ResourceRecord {
  group: string
  kind: string
  resource: string
  namespaced: boolean
  shortNames?: string[]
  /** `true` where kube-apiserver puts the resource in the "all" category. */
  all?: boolean
  verbs?: string[]
  /** Subresource name → kind (group/version are the parent's unless given). */
  sub?: Record<string, string | [kind: string, group: string, version: string]>
  served: Served[]
  /**
   * Storage key when objects are shared with another group (`deployments` for apps and
   * extensions); one record of a storage holds its strategy.
   */
  storage?: string
  /** The group/version is alpha: served only when enabled (kube-apiserver `--runtime-config`). */
  disabledByDefault?: boolean
  strategy?: ResourceStrategy
  /** The server-side Table printer of `kubectl get` (absent: Name and Created At). */
  printer?: PrinterSpec
  /**
   * Strategic-merge-patch and server-side-apply metadata of the kind (patchStrategy and
   * patchMergeKey tags); absent: only ObjectMeta's (every built-in kind accepts SMP).
   */
  patchMeta?: PatchMeta
  /** The fields a fieldSelector may name (absent: metadata.name and metadata.namespace). */
  fields?: readonly SelectableField[]
}
