import { copyHeaders, type HttpResponse } from '../../network/index.js'

/** Returns a proxied response as Envoy passes it downstream: `server: envoy`, upstream service time. */
export function proxiedResponse(res: HttpResponse, upstreamMs: number | undefined): HttpResponse {
  const headers = copyHeaders(res.headers)
  if (upstreamMs !== undefined)
    headers['x-envoy-upstream-service-time'] = String(Math.max(0, Math.round(upstreamMs)))
  headers.server = 'envoy'
  return { status: res.status, headers, body: res.body }
}
