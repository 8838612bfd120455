import { StatusError, badRequest, unsupportedMediaType } from '../errors.js'

// The wording of kube-apiserver's patch failures
// (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go and apimachinery's errors.go).

/** The patch types kube-apiserver accepts for custom resources (no strategic merge patch). */
export const CUSTOM_RESOURCE_PATCH_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/apply-patch+yaml',
] as const

/** The message kube-apiserver answers a strategic merge patch of a custom resource with (415). */
export const SMP_UNSUPPORTED_MESSAGE = unsupportedMessage(CUSTOM_RESOURCE_PATCH_TYPES)

function unsupportedMessage(accepted: readonly string[]): string {
  return `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`
}

/**
 * Creates the 415 UnsupportedMediaType kube-apiserver answers an SMP of a custom resource with.
 * `accepted` lists the patch types the server serves for the resource: before server-side apply
 * (Kubernetes < 1.16, e.g. the 1.11 profile) it is only JSON patch and merge patch.
 */
export function smpUnsupported(
  accepted: readonly string[] = CUSTOM_RESOURCE_PATCH_TYPES
): StatusError {
  return unsupportedMediaType(unsupportedMessage(accepted))
}

/**
 * Creates the 422 a JSON patch op that cannot be applied gets. kube-apiserver wraps the jsonpatch
 * error in NewGenericServerResponse, which keeps only the generic sentence (kubectl prints
 * `The request is invalid: the server rejected our request due to an error in our request`).
 */
export function patchNotApplicable(): StatusError {
  return new StatusError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    {}
  )
}

/** Creates the 400 of a body that does not decode into the Go type the handler expects. */
export function cannotUnmarshal(value: unknown, goType: string): StatusError {
  return badRequest(`json: cannot unmarshal ${jsonKind(value)} into Go value of type ${goType}`)
}

/**
 * Creates the failure for a plain Go error the handler did not convert: kube-apiserver answers 500
 * with the error text (reason Unknown; the lab's StatusReason has no empty reason, so
 * InternalError stands in).
 */
export function unconvertedError(message: string): StatusError {
  return new StatusError(500, 'InternalError', message)
}

/** Returns how encoding/json names a JSON value's kind in unmarshal errors. */
export function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (v === null) return 'null'
  if (typeof v === 'object') return 'object'
  if (typeof v === 'boolean') return 'bool'
  return typeof v
}

/** Returns the Go type name of a decoded JSON value, as `%T`/reflect print it. */
export function goTypeName(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}'
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'object') return 'map[string]interface {}'
  if (typeof v === 'boolean') return 'bool'
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64'
  return 'string'
}

/** Returns a JSON value formatted as Go's `%v` prints the decoded value (`map[k:v]`, `[a b]`). */
export function goFormat(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`
  if (v === null || v === undefined) return '<nil>'
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : 1
    )
    return `map[${entries.map(([k, x]) => `${k}:${goFormat(x)}`).join(' ')}]`
  }
  return String(v)
}
