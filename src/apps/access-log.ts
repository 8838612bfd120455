import type { AppContext, HttpRequest, HttpResponse } from '../network/index.js'
import { requestVars } from './request-vars.js'
import { renderTemplate } from './template.js'

/** Returns the log line of one answered request from a template (`{{status}}`, `{{bytes}}` too). */
export function accessLogLine(
  template: string,
  req: HttpRequest,
  ctx: AppContext,
  res: HttpResponse
): string {
  const vars = requestVars(req, ctx)
  vars.status = String(res.status)
  vars.bytes = String(res.body.length)
  return renderTemplate(template, vars)
}
