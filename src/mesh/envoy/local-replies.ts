import type { HttpResponse } from '../../network/index.js'

/**
 * Envoy's local replies as data (reference §1.5, `router.cc`): one row per cause, with the
 * status, body, extra headers and response flag Envoy 1.0's proxy gives. Nothing else in the
 * emulation builds a reply body.
 */
export const LocalReplies = {
  overflow: {
    status: 503,
    body: 'upstream connect error or disconnect/reset before headers',
    headers: { 'x-envoy-overloaded': 'true' },
    flag: 'UO',
  },
  connectFailure: {
    status: 503,
    body: 'upstream connect error or disconnect/reset before headers',
    headers: {},
    flag: 'UF',
  },
  remoteReset: {
    status: 503,
    body: 'upstream connect error or disconnect/reset before headers',
    headers: {},
    flag: 'UR',
  },
  noHealthyUpstream: { status: 503, body: 'no healthy upstream', headers: {}, flag: 'UH' },
  noRoute: { status: 404, body: '', headers: {}, flag: 'NR' },
  clusterNotFound: { status: 503, body: '', headers: {}, flag: 'NR' },
  timeout: { status: 504, body: 'upstream request timeout', headers: {}, flag: 'UT' },
  faultAbort: { status: 0, body: 'fault filter abort', headers: {}, flag: 'FI' },
  redirect: { status: 301, body: '', headers: {}, flag: '-' },
} as const

/** A cause of a local reply. */
export type LocalReplyCause = keyof typeof LocalReplies

/** A response Envoy made itself, with its response flag. */
export interface LocalReply {
  response: HttpResponse
  flag: string
}

/** Returns the local reply of a cause (`status` overrides the table, e.g. a fault's httpStatus). */
export function localReply(
  cause: LocalReplyCause,
  o: { status?: number; headers?: Record<string, string> } = {}
): LocalReply {
  const row = LocalReplies[cause]
  const body = Buffer.from(row.body)
  return {
    response: {
      status: o.status ?? row.status,
      headers: {
        ...(body.length ? { 'content-type': 'text/plain' } : {}),
        'content-length': String(body.length),
        ...row.headers,
        ...o.headers,
        date: new Date().toUTCString(),
        server: 'envoy',
      },
      body,
    },
    flag: row.flag,
  }
}

/** Returns a Mixer denial as the mixer filter sends it: `<CODE>:<message>` with the mapped status. */
export function mixerDenial(code: keyof typeof GRPC_TO_HTTP, message: string): LocalReply {
  const body = Buffer.from(`${code}:${message}`)
  return {
    response: {
      status: GRPC_TO_HTTP[code],
      headers: {
        'content-type': 'text/plain',
        'content-length': String(body.length),
        date: new Date().toUTCString(),
        server: 'envoy',
      },
      body,
    },
    flag: '-',
  }
}

/** gRPC status codes to HTTP, as the Istio proxy maps them (`status.cc`). */
export const GRPC_TO_HTTP = {
  OK: 200,
  CANCELLED: 499,
  UNKNOWN: 500,
  INVALID_ARGUMENT: 400,
  DEADLINE_EXCEEDED: 504,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  PERMISSION_DENIED: 403,
  RESOURCE_EXHAUSTED: 429,
  FAILED_PRECONDITION: 400,
  ABORTED: 409,
  OUT_OF_RANGE: 400,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DATA_LOSS: 500,
  UNAUTHENTICATED: 401,
} as const
