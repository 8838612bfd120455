import { badRequest, type StatusError } from '../errors.js'
import { goFormat, goTypeName, patchNotApplicable, unconvertedError } from './patch-errors.js'

// Strategic merge patch failures, worded as k8s.io/apimachinery/pkg/util/mergepatch/errors.go
// and mapped to HTTP as patch.go's interpretStrategicMergePatchError does: the format errors are
// 400 BadRequest, lists of lists and retainKeys mismatches 422, anything else a plain error (500).

/** The mergepatch error texts the API server turns into 400 BadRequest. */
export const SmpFormatErrors = {
  badJSONDoc: 'invalid JSON document',
  primitiveList: 'invalid patch format of primitive list',
  retainKeys: 'invalid patch format of retainKeys',
  setElementOrder: 'invalid patch format of setElementOrder list',
  unsupported: 'strategic merge patch format is not supported',
} as const

/** Creates the 400 BadRequest of a malformed SMP directive. */
export function smpFormatError(
  message: (typeof SmpFormatErrors)[keyof typeof SmpFormatErrors]
): StatusError {
  return badRequest(message)
}

/** Creates the 422 for a list of lists (ErrNoListOfLists keeps only the generic sentence). */
export function noListOfLists(): StatusError {
  return patchNotApplicable()
}

/** Creates the failure for a list item without its merge key. */
export function noMergeKey(item: unknown, mergeKey: string): StatusError {
  return unconvertedError(`map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`)
}

/** Creates the failure for a value of the wrong JSON type. */
export function badArgType(expected: string, actual: unknown): StatusError {
  return unconvertedError(`expected a ${expected}, but received a ${goTypeName(actual)}`)
}

/** Creates the failure for an unknown `$patch` value. */
export function badPatchType(directive: unknown, map: unknown): StatusError {
  return unconvertedError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(map)}`)
}

/** Creates any other SMP failure (a plain error in kube-apiserver: 500 with its text). */
export function smpFailure(message: string): StatusError {
  return unconvertedError(message)
}
