/** The fields of Envoy's default access-log format. */
export interface AccessLogEntry {
  startMs: number
  method: string
  path: string
  status: number
  flags: string
  bytesReceived: number
  bytesSent: number
  durationMs: number
  upstreamServiceTime?: string | undefined
  forwardedFor?: string | undefined
  userAgent?: string | undefined
  requestId?: string | undefined
  authority?: string | undefined
  upstreamHost?: string | undefined
}

const d = (v: string | undefined) => (v === undefined || v === '' ? '-' : v)

// Requests starting in the same millisecond share their timestamp text.
let lastMs = NaN
let lastIso = ''

/** Returns `%START_TIME%` of an instant (ISO 8601 with milliseconds, UTC). */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString()
    lastMs = ms
  }
  return lastIso
}

/**
 * Returns one line of Envoy's default access log (mesh `accessLogFile: /dev/stdout`, no format):
 * `[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 * "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%"
 * "%UPSTREAM_HOST%"`; empty fields print as `-`.
 */
export function formatAccessLog(e: AccessLogEntry): string {
  return (
    `[${isoTime(e.startMs)}] "${e.method} ${e.path} HTTP/1.1" ${e.status} ${e.flags} ` +
    `${e.bytesReceived} ${e.bytesSent} ${Math.round(e.durationMs)} ${d(e.upstreamServiceTime)} ` +
    `"${d(e.forwardedFor)}" "${d(e.userAgent)}" "${d(e.requestId)}" "${d(e.authority)}" "${d(e.upstreamHost)}"`
  )
}
