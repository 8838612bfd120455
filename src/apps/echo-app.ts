import type { AppContext, HttpRequest, HttpResponse } from '../network/index.js'

/**
 * Answers any request as the generic app of an unknown image does: JSON naming the pod,
 * namespace, node, version label, the request line and the headers, so routing is visible.
 */
export function echoResponse(req: HttpRequest, ctx: AppContext): HttpResponse {
  const from =
    ctx.from.kind === 'host' ? ctx.from.ip : `${ctx.from.pod.namespace}/${ctx.from.pod.name}`
  const body = {
    pod: ctx.pod.name,
    namespace: ctx.pod.namespace,
    node: ctx.pod.nodeName,
    podIP: ctx.pod.ip,
    container: ctx.container,
    port: ctx.port,
    app: ctx.pod.labels.app ?? null,
    version: ctx.pod.labels.version ?? null,
    request: `${req.method} ${req.path} HTTP/1.1`,
    host: req.authority,
    from,
    headers: req.headers,
    bodyBytes: req.body.length,
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(`${JSON.stringify(body, null, 2)}\n`),
  }
}
