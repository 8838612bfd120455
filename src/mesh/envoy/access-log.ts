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
  upstreamServiceTime?: string
  forwardedFor?: string
  userAgent?: string
  requestId?: string
  authority?: string
  upstreamHost?: string
}

/**
 * Returns one line of Envoy's default access log (mesh `accessLogFile: /dev/stdout`, no format):
 * `[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 * "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%"
 * "%UPSTREAM_HOST%"`; empty fields print as `-`.
 */
export function formatAccessLog(e: AccessLogEntry): string {
  const d = (v: string | undefined) => (v === undefined || v === '' ? '-' : v)
  return (
    `[${new Date(e.startMs).toISOString()}] "${e.method} ${e.path} HTTP/1.1" ${e.status} ${e.flags} ` +
    `${e.bytesReceived} ${e.bytesSent} ${Math.round(e.durationMs)} ${d(e.upstreamServiceTime)} ` +
    `"${d(e.forwardedFor)}" "${d(e.userAgent)}" "${d(e.requestId)}" "${d(e.authority)}" "${d(e.upstreamHost)}"`
  )
}
