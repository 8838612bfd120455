import type { HttpResponse } from '../../network/index.js'

/** Returns a proxied response as Envoy passes it downstream: `server: envoy`, upstream service time. */
export function proxiedResponse(res: HttpResponse, upstreamMs: number | undefined): HttpResponse {
  return {
    status: res.status,
    headers: {
      ...res.headers,
      ...(upstreamMs !== undefined
        ? { 'x-envoy-upstream-service-time': String(Math.max(0, Math.round(upstreamMs))) }
        : {}),
      server: 'envoy',
    },
    body: res.body,
  }
}
