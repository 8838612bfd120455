import type { AppContext, HttpRequest, HttpResponse } from '../network/index.js'

/** One piece of a compiled log template: literal text, or a variable's name. */
type Part = { text: string } | { name: string }

// The same `{{name}}` syntax as renderTemplate (template.ts).
const VAR = /\{\{\s*([\w.-]+)\s*\}\}/g
const compiled = new Map<string, Part[]>()

function compile(template: string): Part[] {
  let parts = compiled.get(template)
  if (parts) return parts
  parts = []
  let at = 0
  for (const m of template.matchAll(VAR)) {
    if (m.index > at) parts.push({ text: template.slice(at, m.index) })
    parts.push({ name: m[1]! })
    at = m.index + m[0].length
  }
  if (at < template.length) parts.push({ text: template.slice(at) })
  // Templates come from the apps' data: a handful of distinct strings.
  if (compiled.size >= 1000) compiled.clear()
  compiled.set(template, parts)
  return parts
}

let lastMs = -1
let lastIso = ''

/** Returns `new Date().toISOString()`, made once per millisecond. */
function isoNow(): string {
  const now = Date.now()
  if (now !== lastMs) {
    lastMs = now
    lastIso = new Date(now).toISOString()
  }
  return lastIso
}

// The variables requestVars (request-vars.ts) gives a template, plus `status` and `bytes`,
// read only when the template names them.
function value(name: string, req: HttpRequest, ctx: AppContext, res: HttpResponse): string {
  switch (name) {
    case 'pod':
      return ctx.pod.name
    case 'namespace':
      return ctx.pod.namespace
    case 'node':
      return ctx.pod.nodeName
    case 'podIP':
      return ctx.pod.ip
    case 'container':
      return ctx.container
    case 'port':
      return String(ctx.port)
    case 'app':
      return ctx.pod.labels.app ?? ''
    case 'version':
      return ctx.pod.labels.version ?? ''
    case 'method':
      return req.method
    case 'path':
      return req.path
    case 'authority':
      return req.authority
    case 'from':
      return ctx.from.kind === 'host' ? ctx.from.ip : ctx.from.pod.ip
    case 'time':
      return isoNow()
    case 'status':
      return String(res.status)
    case 'bytes':
      return String(res.body.length)
  }
  if (name.startsWith('header.')) {
    const k = name.slice(7)
    return Object.hasOwn(req.headers, k) ? (req.headers[k] ?? '') : ''
  }
  return ''
}

/** Returns the log line of one answered request from a template (`{{status}}`, `{{bytes}}` too). */
export function accessLogLine(
  template: string,
  req: HttpRequest,
  ctx: AppContext,
  res: HttpResponse
): string {
  let out = ''
  for (const p of compile(template)) out += 'text' in p ? p.text : value(p.name, req, ctx, res)
  return out
}
