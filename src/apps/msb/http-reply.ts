import type { HttpRequest, HttpResponse } from '../../network/index.js'

/** Returns a JSON answer. */
export function json(
  status: number,
  body: unknown,
  extra: Record<string, string> = {}
): HttpResponse {
  return text(status, JSON.stringify(body), 'application/json', extra)
}

/** Returns an answer with a body and its content type. */
export function text(
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {}
): HttpResponse {
  return { status, headers: { 'content-type': contentType, ...extra }, body: Buffer.from(body) }
}

// A path the URL parser returns as it is: no dot segments, no `//` authority, nothing it
// percent-encodes or decodes; and a query of characters it keeps as they are.
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/
const PLAIN_QUERY = /^[A-Za-z0-9\-._~!$&()*+,;=:@/?%]*$/

// A plain path's parts; the query is parsed only when asked for.
class PlainTarget {
  readonly pathname: string
  readonly search: string

  constructor(pathname: string, search: string) {
    this.pathname = pathname
    this.search = search
  }

  get query(): URLSearchParams {
    return new URLSearchParams(this.search)
  }
}

/** Returns a request's path split into its decoded pathname and query. */
export function target(req: HttpRequest): {
  pathname: string
  query: URLSearchParams
  search: string
} {
  const q = req.path.indexOf('?')
  const pathname = q < 0 ? req.path : req.path.slice(0, q)
  const query = q < 0 ? '' : req.path.slice(q + 1)
  if (PLAIN_PATH.test(pathname) && !DOT_SEGMENT.test(pathname) && PLAIN_QUERY.test(query)) {
    return new PlainTarget(pathname, query === '' ? '' : `?${query}`)
  }
  const u = new URL(req.path, 'http://x')
  return { pathname: u.pathname, query: u.searchParams, search: u.search }
}

/** Returns a request body parsed as JSON, or undefined when it is not JSON. */
export function jsonBody(req: HttpRequest): unknown {
  try {
    return JSON.parse(req.body.toString('utf8')) as unknown
  } catch {
    // A body that is not JSON is a 400 for the caller to answer; nothing to report here.
    return undefined
  }
}

/** Returns a response body parsed as JSON, or undefined when it is not JSON. */
export function parseJson(res: HttpResponse): unknown {
  try {
    return JSON.parse(res.body.toString('utf8')) as unknown
  } catch {
    // Treated as "no data" by every caller (an upstream answering HTML, say).
    return undefined
  }
}
