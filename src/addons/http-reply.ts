/** Small builders of the add-ons' HTTP answers (JSON, text, HTML) and request parsing. */
import type { HttpRequest, HttpResponse } from '../network/index.js'

/** Returns a JSON response (compact, as Go's encoding/json writes it). */
export function jsonReply(
  status: number,
  body: unknown,
  extra: Record<string, string> = {}
): HttpResponse {
  return reply(status, `${JSON.stringify(body)}\n`, 'application/json', extra)
}

/** Returns a response with a body and its Content-Type. */
export function reply(
  status: number,
  body: string | Buffer,
  contentType: string,
  extra: Record<string, string> = {}
): HttpResponse {
  const buf = typeof body === 'string' ? Buffer.from(body) : body
  return {
    status,
    headers: { 'content-type': contentType, 'content-length': String(buf.length), ...extra },
    body: buf,
  }
}

/** Returns Go net/http's plain-text error answer (`http.Error`). */
export function textError(status: number, message: string): HttpResponse {
  return reply(status, `${message}\n`, 'text/plain; charset=utf-8', {
    'x-content-type-options': 'nosniff',
  })
}

/** Splits a request's path into its pathname and query parameters. */
export function parseTarget(req: HttpRequest): { pathname: string; query: URLSearchParams } {
  const u = new URL(req.path, 'http://x')
  return { pathname: decodeURIComponent(u.pathname), query: u.searchParams }
}
