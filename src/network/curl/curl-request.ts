import type { CurlOptions } from './curl-args.js'

/** The request curl sends: headers for the network and the lines `-v` shows. */
export interface CurlRequest {
  headers: Record<string, string>
  lines: string[]
  /** Bytes of the request line and headers on the wire. */
  size: number
}

/**
 * Returns the request curl 7.88 sends: Host, User-Agent and Accept (each replaced or removed by a
 * `-H` of the same name: `Name: value` replaces, `Name:` removes, `Name;` sends it empty), the
 * other `-H` headers in order, then Content-Length and Content-Type for a body.
 */
export function buildRequest(
  o: CurlOptions,
  u: URL,
  method: string,
  body: Buffer,
  version: string
): CurlRequest {
  const custom: [string, string | undefined][] = []
  for (const h of o.headers) {
    const colon = h.indexOf(':')
    const semi = h.indexOf(';')
    if (colon > 0) {
      const v = h.slice(colon + 1).trim()
      custom.push([h.slice(0, colon).trim(), v === '' ? undefined : v])
    } else if (semi > 0 && h.slice(semi + 1).trim() === '')
      custom.push([h.slice(0, semi).trim(), ''])
  }
  const has = (name: string) => custom.some(([k]) => k.toLowerCase() === name)
  const defaults: [string, string][] = [
    ['Host', u.host],
    ['User-Agent', o.userAgent ?? `curl/${version}`],
    ['Accept', '*/*'],
  ]
  if (body.length) {
    defaults.push(['Content-Length', String(body.length)])
    defaults.push(['Content-Type', 'application/x-www-form-urlencoded'])
  }
  const lines = [`${method} ${u.pathname}${u.search} HTTP/1.1`]
  const headers: Record<string, string> = {}
  const add = (k: string, v: string) => {
    lines.push(`${k}: ${v}`)
    const key = k.toLowerCase()
    headers[key] = headers[key] !== undefined ? `${headers[key]}, ${v}` : v
  }
  for (const [k, v] of defaults.slice(0, 3)) if (!has(k.toLowerCase())) add(k, v)
  for (const [k, v] of custom) if (v !== undefined) add(k, v)
  for (const [k, v] of defaults.slice(3)) if (!has(k.toLowerCase())) add(k, v)
  const size = lines.reduce((n, l) => n + Buffer.byteLength(l) + 2, 2)
  return { headers, lines, size }
}
