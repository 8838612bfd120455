import type { AppContext, HttpRequest } from '../network/index.js'

/** Returns the variables a body, URL or log template can use for one request. */
export function requestVars(
  req: HttpRequest,
  ctx: AppContext,
  params: Readonly<Record<string, string>> = {}
): Record<string, string> {
  const vars: Record<string, string> = {
    pod: ctx.pod.name,
    namespace: ctx.pod.namespace,
    node: ctx.pod.nodeName,
    podIP: ctx.pod.ip,
    container: ctx.container,
    port: String(ctx.port),
    app: ctx.pod.labels.app ?? '',
    version: ctx.pod.labels.version ?? '',
    method: req.method,
    path: req.path,
    authority: req.authority,
    from: ctx.from.kind === 'host' ? ctx.from.ip : ctx.from.pod.ip,
    time: new Date().toISOString(),
  }
  for (const [k, v] of Object.entries(params)) vars[`param.${k}`] = v
  for (const [k, v] of Object.entries(req.headers)) vars[`header.${k}`] = v
  return vars
}
