import type { ResourceInfo } from '../../api/resources/index.js'
import { apiVersionOf, type KubeObject } from '../../api/types.js'

/**
 * Returns the object as the given group/version serves it. Versions of one kind share storage,
 * so conversion sets apiVersion and drops the fields the target version does not have.
 */
export function toVersion(obj: KubeObject, info: ResourceInfo): KubeObject {
  const apiVersion = apiVersionOf(info.group, info.version)
  if (obj.apiVersion === apiVersion && obj.kind === info.kind) return obj
  const out: KubeObject = { ...obj, apiVersion, kind: info.kind }
  if (
    info.storage === 'deployments' &&
    apiVersion !== 'extensions/v1beta1' &&
    out.spec &&
    typeof out.spec === 'object'
  ) {
    const { rollbackTo: _r, ...spec } = out.spec as Record<string, unknown>
    out.spec = spec
  }
  return out
}
