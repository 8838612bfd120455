import type { GroupResource } from './types.js'

/** A Kubernetes `Status` object as the API returns it for failures. */
export interface Status {
  kind: 'Status'
  apiVersion: 'v1'
  metadata: Record<string, never>
  status: 'Failure' | 'Success'
  message: string
  reason: StatusReason
  details?: StatusDetails
  code: number
}

/** `Status.details`. */
export interface StatusDetails {
  name?: string
  group?: string
  kind?: string
  uid?: string
  causes?: StatusCause[]
  retryAfterSeconds?: number
}

/** One cause of an Invalid error (`details.causes[]`). */
export interface StatusCause {
  reason: string
  message: string
  field: string
}

/** The reasons the lab's API server uses, as metav1.StatusReason spells them. */
export const StatusReasons = {
  Unauthorized: 'Unauthorized',
  Forbidden: 'Forbidden',
  NotFound: 'NotFound',
  AlreadyExists: 'AlreadyExists',
  Conflict: 'Conflict',
  Gone: 'Gone',
  Invalid: 'Invalid',
  BadRequest: 'BadRequest',
  MethodNotAllowed: 'MethodNotAllowed',
  NotAcceptable: 'NotAcceptable',
  UnsupportedMediaType: 'UnsupportedMediaType',
  InternalError: 'InternalError',
  Expired: 'Expired',
  Timeout: 'Timeout',
  TooManyRequests: 'TooManyRequests',
  RequestEntityTooLarge: 'RequestEntityTooLarge',
  ServiceUnavailable: 'ServiceUnavailable',
} as const

/** A metav1.StatusReason value. */
export type StatusReason = (typeof StatusReasons)[keyof typeof StatusReasons]

/**
 * Reasons that are expected outcomes of a request (a GET of something gone, a stale write, a
 * create that lost a race), not bugs: their errors carry no stack trace, whose capture costs more
 * than serving the request (the garbage collector's 404s while deleting 10,000 pods). The
 * Status, message and code are the same.
 */
const expected: ReadonlySet<string> = new Set<StatusReason>([
  'NotFound',
  'Conflict',
  'AlreadyExists',
])

/** An API failure carrying the Kubernetes `Status` the server answers with. */
export class StatusError extends Error {
  readonly status: Status

  constructor(code: number, reason: StatusReason, message: string, details?: StatusDetails) {
    const limit = Error.stackTraceLimit
    if (expected.has(reason)) Error.stackTraceLimit = 0
    super(message)
    Error.stackTraceLimit = limit
    this.name = 'StatusError'
    // Two literals rather than a spread: the same keys in the same order, built in one step.
    this.status = details
      ? {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message,
          reason,
          details,
          code,
        }
      : { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }
  }

  /** Returns the HTTP status code. */
  get code(): number {
    return this.status.code
  }

  /** Returns the Status reason. */
  get reason(): StatusReason {
    return this.status.reason
  }

  /** Returns the Status body to send. */
  toStatus(): Status {
    return this.status
  }

  /** Returns a StatusError from a Status body a server sent (client side). */
  static fromStatus(s: Partial<Status>, httpCode: number): StatusError {
    return new StatusError(
      s.code ?? httpCode,
      (s.reason ?? StatusReasons.InternalError) as StatusReason,
      s.message ?? `the server responded with HTTP ${httpCode}`,
      s.details
    )
  }
}

/** Returns true when an error is a StatusError with the given reason. */
export function isStatusError(err: unknown, reason?: StatusReason): err is StatusError {
  return err instanceof StatusError && (reason === undefined || err.reason === reason)
}

function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource
}

function kindDetails(gr: GroupResource, name?: string): StatusDetails {
  const kind = gr.resource
  if (name === undefined) return gr.group ? { group: gr.group, kind } : { kind }
  return gr.group ? { name, group: gr.group, kind } : { name, kind }
}

/** Creates a 404 NotFound: `pods "x" not found`. */
export function notFound(gr: GroupResource, name: string): StatusError {
  return new StatusError(
    404,
    'NotFound',
    `${qualified(gr)} "${name}" not found`,
    kindDetails(gr, name)
  )
}

/** Creates a 409 AlreadyExists: `pods "x" already exists`. */
export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError(
    409,
    'AlreadyExists',
    `${qualified(gr)} "${name}" already exists`,
    kindDetails(gr, name)
  )
}

/** Creates the 409 Conflict for a write with a stale resourceVersion. */
export function conflict(gr: GroupResource, name: string, why?: string): StatusError {
  const msg =
    `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ` +
    (why ??
      'the object has been modified; please apply your changes to the latest version and try again')
  return new StatusError(409, 'Conflict', msg, kindDetails(gr, name))
}

/** Creates a 422 Invalid with field causes: `Deployment.apps "x" is invalid: spec.selector: Required value`. */
export function invalid(
  kind: string,
  group: string,
  name: string,
  causes: { field: string; message: string; reason?: string }[]
): StatusError {
  const q = group ? `${kind}.${group}` : kind
  const list = causes.map((c) => `${c.field}: ${c.message}`)
  const joined = list.length === 1 ? list[0] : `[${list.join(', ')}]`
  return new StatusError(422, 'Invalid', `${q} "${name}" is invalid: ${joined}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: causes.map((c) => ({
      reason: c.reason ?? 'FieldValueInvalid',
      message: c.message,
      field: c.field,
    })),
  })
}

/** Creates a 410 Gone for a watch or continue token older than the window. */
export function gone(message: string): StatusError {
  return new StatusError(410, 'Expired', message)
}

/** Creates a 403 Forbidden. */
export function forbidden(gr: GroupResource, name: string, why: string): StatusError {
  return new StatusError(
    403,
    'Forbidden',
    `${qualified(gr)} "${name}" is forbidden: ${why}`,
    kindDetails(gr, name)
  )
}

/** Creates a 400 BadRequest. */
export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message)
}

/** Creates a 405 MethodNotAllowed. */
export function methodNotAllowed(message: string): StatusError {
  return new StatusError(405, 'MethodNotAllowed', message)
}

/** Creates a 415 UnsupportedMediaType. */
export function unsupportedMediaType(message: string): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', message)
}

/** Creates a 401 Unauthorized. */
export function unauthorized(): StatusError {
  return new StatusError(401, 'Unauthorized', 'Unauthorized')
}

/** Creates a 404 for a path that names no resource: `the server could not find the requested resource`. */
export function noResource(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource')
}

/** Creates a 500 InternalError. */
export function internalError(err: unknown): StatusError {
  const msg = err instanceof Error ? err.message : String(err)
  return new StatusError(500, 'InternalError', `Internal error occurred: ${msg}`)
}
