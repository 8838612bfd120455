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
