import type { ResourceInfo } from '../../api/resources/index.js'
import { apiVersionOf, type KubeObject } from '../../api/types.js'

/**
 * Returns the object as the given group/version serves it. Versions of one kind share storage,
 * so conversion sets apiVersion and lets the resource's record drop the fields the target
 * version does not have.
 */
export function toVersion(obj: KubeObject, info: ResourceInfo): KubeObject {
  const apiVersion = apiVersionOf(info.group, info.version)
  if (obj.apiVersion === apiVersion && obj.kind === info.kind) return obj
  const out: KubeObject = { ...obj, apiVersion, kind: info.kind }
  return info.strategy?.convert ? info.strategy.convert(out, info) : out
}
