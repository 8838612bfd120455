/** @module patch: the four PATCH types of kube-apiserver (JSON, merge, strategic merge, apply) and managedFields bookkeeping. */
export { applyJsonPatch, MAX_JSON_PATCH_OPERATIONS } from './json-patch.js'
export { applyMergePatch } from './merge-patch.js'
export { applyStrategicMergePatch } from './strategic-merge-patch.js'
export { patchMetaFor } from './builtin-patch-meta.js'
export type { PatchMeta, ListType } from './patch-meta.js'
export {
  SMP_UNSUPPORTED_MESSAGE,
  CUSTOM_RESOURCE_PATCH_TYPES,
  smpUnsupported,
} from './patch-errors.js'
export {
  serverSideApply,
  defaultResetFields,
  type ServerSideApplyOptions,
} from './server-side-apply.js'
export { recordUpdate, type RecordUpdateOptions } from './record-update.js'
export { FieldSet, pathString, type FieldPath } from './field-set.js'
