import { invalid } from '../../api/errors.js'
import { validateObjectMeta, type ResourceInfo } from '../../api/resources/index.js'
import type { KubeObject } from '../../api/types.js'

/**
 * Throws 422 Invalid when an object is not valid for its resource: the metadata in the record's
 * name format, then the record's own validation (a subset of kube-apiserver's).
 */
export function validateObject(obj: KubeObject, info: ResourceInfo, old?: KubeObject): void {
  const s = info.strategy
  const errs = [...validateObjectMeta(obj, s?.nameFormat), ...(s?.validate?.(obj, info, old) ?? [])]
  if (errs.length) throw invalid(info.kind, info.group, obj.metadata.name ?? '', errs)
}
