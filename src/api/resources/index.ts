/** @module resources: what the API server serves, by Kubernetes version and by CRD. */
export * from './resource-info.js'
export * from './kube-version.js'
export * from './resource-catalog.js'
export { compareKubeVersions } from './version-priority.js'
export * from './resource-record.js'
export { storageOf } from './builtin-resources.js'
export { runtimeConfigEnabled } from './runtime-config.js'
export { crdResources, syncCrd } from './crd-resources.js'
export { validateObjectMeta } from './validation/object-meta.js'
export {
  builtinRecord,
  builtinRecordOfKind,
  builtinRecordsNamed,
  isBuiltinGroup,
} from './builtin-record-lookup.js'
