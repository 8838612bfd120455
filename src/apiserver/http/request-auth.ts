import type { IncomingMessage } from 'node:http'
import { X509Certificate } from 'node:crypto'
import { badRequest, StatusError } from '../../api/errors.js'

/** The paths kube-apiserver's system:public-info-viewer role opens to anonymous users. */
const PUBLIC_PATHS = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/'])

/** The clientAuth extended key usage, and "any usage". */
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2'
const ANY_USAGE = '2.5.29.37.0'

/** Returns the path (still percent-encoded, never resolved) and the query of a request URI. */
export function splitRequestUri(uri: string): { path: string; query: URLSearchParams } {
  let rest = uri
  // The absolute form (`GET https://host/path`) is legal HTTP: drop scheme and authority.
  const abs = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/.exec(rest)
  if (abs) rest = rest.slice(abs[0].length) || '/'
  // `OPTIONS *` (the asterisk form) names no path of the API: it goes on to a 404.
  if (!rest.startsWith('/') && rest !== '*') throw badRequest(`malformed request URI "${uri}"`)
  const hash = rest.indexOf('#')
  if (hash >= 0) rest = rest.slice(0, hash)
  const q = rest.indexOf('?')
  return q < 0
    ? { path: rest, query: new URLSearchParams() }
    : { path: rest.slice(0, q), query: new URLSearchParams(rest.slice(q + 1)) }
}

/** Returns true when the request carries a credential (a bearer token or a client certificate). */
export function hasCredentials(req: IncomingMessage): boolean {
  if (req.headers.authorization !== undefined) return true
  const sock = req.socket as { getPeerCertificate?: () => { raw?: Buffer } | undefined }
  return !!sock.getPeerCertificate?.()?.raw
}

/**
 * Returns `system:anonymous` for a request without credentials that kube-apiserver 1.11 answers
 * anyway (GET of /healthz, /livez, /readyz, /version: system:public-info-viewer), else undefined.
 */
export function anonymousUser(method: string, path: string): string | undefined {
  const m = method.toUpperCase()
  return (m === 'GET' || m === 'HEAD') && PUBLIC_PATHS.has(path) ? 'system:anonymous' : undefined
}

/**
 * Returns the user (CN) of a client certificate as kube-apiserver's x509 authenticator accepts it:
 * signed by the lab's CA, inside its validity period (not yet valid and expired are refused, as
 * Go's x509 verification refuses them), usable for client authentication (an extended key usage
 * extension without clientAuth is refused) and in group system:masters. Else undefined (401).
 */
export function clientCertUser(
  raw: Buffer,
  ca: X509Certificate,
  now = new Date()
): string | undefined {
  try {
    const cert = new X509Certificate(raw)
    if (!cert.checkIssued(ca) || !cert.verify(ca.publicKey)) return undefined
    if (new Date(cert.validFrom) > now || new Date(cert.validTo) < now) return undefined
    const eku = cert.keyUsage as string[] | undefined
    if (eku && !eku.includes(CLIENT_AUTH) && !eku.includes(ANY_USAGE)) return undefined
    const subject = cert.subject.split('\n')
    if (!subject.includes('O=system:masters')) return undefined
    return subject.find((l) => l.startsWith('CN='))?.slice(3)
  } catch {
    return undefined // an unparsable client certificate is simply not a credential
  }
}

/** Returns kube-apiserver's 413 for a request body over its limit. */
export function tooLarge(limit: number): StatusError {
  return new StatusError(
    413,
    'RequestEntityTooLarge',
    `Request entity too large: limit is ${limit}`
  )
}
