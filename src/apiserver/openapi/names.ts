import type { GroupVersionKind } from '../../api/types.js'

/** Returns the key of a group/version in the `/openapi/v3` index: `api/v1` or `apis/<group>/<version>`. */
export function groupVersionKey(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`
}

/** Returns the URL prefix of a group/version's resources: `/api/v1` or `/apis/<group>/<version>`. */
export function apiPrefix(group: string, version: string): string {
  return `/${groupVersionKey(group, version)}`
}

// Where kube-apiserver's definition names put the types of groups that live outside k8s.io/api.
const GO_PACKAGE: Record<string, string> = {
  'apiextensions.k8s.io': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
  'apiregistration.k8s.io': 'io.k8s.kube-aggregator.pkg.apis.apiregistration',
}

/**
 * Returns the schema name kube-apiserver gives a kind: `io.k8s.api.core.v1.Pod`,
 * `io.k8s.api.rbac.v1.Role`; for custom resources the reversed group (`io.istio.networking.v1alpha3.Gateway`).
 */
export function definitionName(gvk: GroupVersionKind): string {
  const { group, version, kind } = gvk
  if (group === '') return `io.k8s.api.core.${version}.${kind}`
  const special = GO_PACKAGE[group]
  if (special) return `${special}.${version}.${kind}`
  if (group.endsWith('.k8s.io') || !group.includes('.')) {
    return `io.k8s.api.${group.split('.')[0]}.${version}.${kind}`
  }
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Returns the group/version part of operation ids: `CoreV1`, `AppsV1`, `RbacAuthorizationV1`. */
export function operationPrefix(group: string, version: string): string {
  const name = group === '' ? 'core' : group.replace(/\.k8s\.io$/, '')
  return name.split(/[.-]/).map(capitalize).join('') + capitalize(version)
}

/** Returns the tag kube-apiserver puts on a group/version's operations: `core_v1`, `apps_v1`. */
export function operationTag(group: string, version: string): string {
  const name = group === '' ? 'core' : group.replace(/\.k8s\.io$/, '').replace(/\./g, '_')
  return `${name}_${version}`
}

/** Returns a local `$ref` to a schema of the document's components. */
export function schemaRef(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` }
}

/** Names of the apimachinery schemas every document carries. */
export const META_SCHEMAS = {
  objectMeta: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
  listMeta: 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta',
  status: 'io.k8s.apimachinery.pkg.apis.meta.v1.Status',
  deleteOptions: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
  patch: 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
} as const
