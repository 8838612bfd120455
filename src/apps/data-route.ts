import { STATUS_CODES } from 'node:http'
import type { AppContext, HttpRequest, HttpResponse } from '../network/index.js'
import { requestVars } from './request-vars.js'
import type { RouteMatch } from './route-match.js'
import { renderTemplate } from './template.js'
import { traceHeaders } from './trace-headers.js'
import type { AppSpec } from './types.js'

/**
 * Answers a request with a data-defined route: makes the route's calls in order (with the trace
 * headers it received when the app forwards them), then renders its status, headers and body.
 * A failed call (no response, or 5xx) makes the answer a 500 naming the call, as an app whose
 * dependency failed would. Error injection happens before anything else.
 */
export async function runRoute(
  app: AppSpec,
  m: RouteMatch,
  req: HttpRequest,
  ctx: AppContext,
  random: () => number
): Promise<HttpResponse> {
  const { route } = m
  if (route.errorRate > 0 && random() < route.errorRate) return plainStatus(route.errorStatus)
  const vars = requestVars(req, ctx, m.params)
  const forwarded = app.forwardTraceHeaders ? traceHeaders(req.headers) : {}
  const results: string[] = []
  for (const call of route.calls) {
    const url = renderTemplate(call.url, vars)
    const headers = { ...forwarded, ...call.headers }
    try {
      const res = await ctx.fetch(url, { method: call.method, headers })
      results.push(`${call.method} ${url} -> ${res.status}`)
      if (res.status >= 500)
        return plainStatus(500, `call ${call.method} ${url} failed: status ${res.status}\n`)
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err)
      return plainStatus(500, `call ${call.method} ${url} failed: ${why}\n`)
    }
  }
  vars.calls = results.join('\n')
  return {
    status: route.status,
    headers: { ...route.headers },
    body: Buffer.from(renderTemplate(route.body, vars)),
  }
}

/** Returns a text/plain answer with a status and its reason phrase as body. */
export function plainStatus(status: number, body?: string): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(body ?? `${STATUS_CODES[status] ?? 'Error'}\n`),
  }
}
