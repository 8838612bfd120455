import { badRequest, invalid, StatusError } from '../../api/errors.js'
import type { KubeVersion, ResourceInfo } from '../../api/resources/index.js'
import { fieldPruner } from '../openapi/index.js'
import type { ApiRequest, ApiResponse } from '../request/index.js'
import { mediaType } from './decode-body.js'
import { duplicateJsonFields } from './duplicate-fields.js'

/** How a write treats unknown fields: kube-apiserver's `fieldValidation` directive. */
export type FieldValidation = 'Ignore' | 'Warn' | 'Strict'

const DIRECTIVES: readonly string[] = ['Ignore', 'Warn', 'Strict']

/** Returns true when the release validates fields on the server (1.25+, ServerSideFieldValidation). */
export function servesFieldValidation(v: KubeVersion): boolean {
  return v.major > 1 || v.minor >= 25
}

/**
 * Returns the request's directive. Releases before 1.25 know no such parameter and drop unknown
 * fields silently (Ignore); later ones default to Warn and refuse values they do not know.
 */
export function fieldValidationOf(req: ApiRequest, v: KubeVersion): FieldValidation {
  if (!servesFieldValidation(v)) return 'Ignore'
  const given = req.query.get('fieldValidation')
  if (given === null || given === '') return 'Warn'
  if (!DIRECTIVES.includes(given))
    throw badRequest(
      `fieldValidation: Unsupported value: "${given}": supported values: "Ignore", "Strict", "Warn"`
    )
  return given as FieldValidation
}

/** What pruning found: the warnings to send (Warn) — empty when nothing or Ignore. */
export interface PruneOutcome {
  warnings: string[]
}

/** How a strict failure is reported: a decode error (create, update) or an invalid patch. */
export type StrictShape = { decode: true } | { patch: string }

/**
 * Removes the fields the kind's schema does not know from a decoded body, as kube-apiserver's
 * decoder does, and applies the directive: Strict throws 400 (decode) or 422 (patch) with
 * `strict decoding error: unknown field "spec.foo"`, Warn returns one warning per field.
 * `known` lists paths that were unknown before the request (a patch's live object): not reported;
 * `duplicates` the keys a JSON body repeated (`duplicate field "spec.replicas"`).
 */
export function pruneUnknownFields(
  info: ResourceInfo,
  version: KubeVersion,
  obj: unknown,
  directive: FieldValidation,
  shape: StrictShape,
  known: ReadonlySet<string> = new Set(),
  duplicates: readonly string[] = []
): PruneOutcome {
  if (info.crd) return { warnings: [] }
  const prune = fieldPruner(version, { group: info.group, version: info.version, kind: info.kind })
  if (!prune) return { warnings: [] }
  const unknown = prune(obj).filter((p) => !known.has(p))
  if ((unknown.length === 0 && duplicates.length === 0) || directive === 'Ignore')
    return { warnings: [] }
  const errors = [
    ...duplicates.map((p) => `duplicate field "${p}"`),
    ...unknown.map((p) => `unknown field "${p}"`),
  ]
  if (directive === 'Warn') return { warnings: errors }
  const strict = `strict decoding error: ${errors.join(', ')}`
  if ('decode' in shape)
    throw badRequest(
      `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${strict}`
    )
  throw invalid('', '', '', [
    { field: 'patch', message: `Invalid value: ${goQuote(shape.patch)}: ${strict}` },
  ])
}

/** Returns the paths of the fields an object holds that its kind's schema does not know (nothing removed). */
export function unknownFieldPaths(
  info: ResourceInfo,
  version: KubeVersion,
  obj: unknown
): Set<string> {
  if (info.crd) return new Set()
  const prune = fieldPruner(version, { group: info.group, version: info.version, kind: info.kind })
  return new Set(prune ? prune(obj, false) : [])
}

/**
 * Prunes a server-side apply patch. From 1.25 the apply machinery converts the patch to its typed
 * form first, which fails whatever the directive: 500 `failed to create typed patch object
 * (<ns>/<name>; <group>/<version>, Kind=<kind>): .spec.foo: field not declared in schema`. Older
 * profiles (which had no server-side apply) drop the fields silently. Returns no warnings.
 */
export function pruneApplied(
  info: ResourceInfo,
  version: KubeVersion,
  patch: unknown,
  namespace: string,
  name: string,
  directive: FieldValidation
): string[] {
  if (info.crd) return []
  const prune = fieldPruner(version, { group: info.group, version: info.version, kind: info.kind })
  if (!prune) return []
  const unknown = prune(patch, !servesFieldValidation(version) || directive === 'Ignore')
  if (unknown.length === 0 || !servesFieldValidation(version)) return []
  const errs = unknown.map((p) => `.${p}: field not declared in schema`)
  const text = errs.length === 1 ? errs[0]! : `errors:\n  ${errs.join('\n  ')}`
  throw new StatusError(
    500,
    'InternalError',
    `failed to create typed patch object (${namespace}/${name}; ${info.group}/${info.version}, Kind=${info.kind}): ${text}`
  )
}

/** Returns the `Warning` header kube-apiserver sends for warnings (299, agent `-`), or undefined. */
export function warningHeader(warnings: readonly string[]): Record<string, string> | undefined {
  if (warnings.length === 0) return undefined
  return { Warning: warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') }
}

// Go's %q of a string, which JSON.stringify matches for the printable text a patch holds.
function goQuote(s: string): string {
  return JSON.stringify(s)
}

/**
 * Drops the fields a created or replaced body's kind does not know, for bodies that came over the
 * wire (in-process components write typed objects); returns the warnings to send.
 */
export function pruneWireBody(
  req: ApiRequest,
  info: ResourceInfo,
  version: KubeVersion,
  body: unknown
): string[] {
  if (!Buffer.isBuffer(req.body)) return []
  const directive = fieldValidationOf(req, version)
  const mt = mediaType(req.headers['content-type'])
  const json = mt === '' || mt === 'application/json'
  const duplicates = directive !== 'Ignore' && json ? duplicateJsonFields(req.body.toString()) : []
  const shape = { decode: true } as const
  return pruneUnknownFields(info, version, body, directive, shape, undefined, duplicates).warnings
}

/** Returns the answer with kube-apiserver's `Warning` header when there are warnings. */
export function withWarnings(
  a: { status: number; body: unknown },
  warnings: string[]
): ApiResponse {
  const headers = warningHeader(warnings)
  return headers ? { ...a, headers } : a
}
