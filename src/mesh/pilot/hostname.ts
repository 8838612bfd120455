/** Istio 1.0's hostname rules: short names qualified by a namespace, wildcard matching. */

/** The cluster's DNS suffix as Pilot uses it. */
export const DOMAIN_SUFFIX = 'cluster.local'

/**
 * Returns the FQDN Pilot 1.0 makes of a host written in a rule of namespace `ns`
 * (`ResolveShortnameToFQDN`): only a name without a dot is qualified; wildcards stay as written.
 */
export function resolveShortname(host: string, ns: string): string {
  if (host.startsWith('*') || host.includes('.')) return host
  return `${host}.${ns}.svc.${DOMAIN_SUFFIX}`
}

/** Returns the FQDN of a Kubernetes Service. */
export function serviceHostname(name: string, ns: string): string {
  return `${name}.${ns}.svc.${DOMAIN_SUFFIX}`
}

/** Returns true when `pattern` (maybe `*` or `*.suffix`) matches the concrete host `host`. */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true
  if (pattern.startsWith('*')) {
    const suffix = pattern.slice(1)
    return host.endsWith(suffix) || (host.startsWith('*') && host.slice(1).endsWith(suffix))
  }
  return pattern === host
}

/** Returns true when either host pattern matches the other (`Hostname.Matches`). */
export function hostsOverlap(a: string, b: string): boolean {
  return hostMatches(a, b) || hostMatches(b, a)
}

/**
 * Returns the pattern that matches `host` most specifically: an exact name first, then the
 * longest wildcard (`MostSpecificHostMatch`).
 */
export function mostSpecificMatch(host: string, patterns: readonly string[]): string | undefined {
  if (patterns.includes(host)) return host
  return patterns
    .filter((p) => p.startsWith('*') && hostMatches(p, host))
    .sort((a, b) => b.length - a.length)[0]
}

/** Returns the outbound/inbound cluster name (`BuildSubsetKey`). */
export function subsetKey(
  direction: 'inbound' | 'outbound',
  subset: string,
  hostname: string,
  port: number
): string {
  return `${direction}|${port}|${subset}|${hostname}`
}

/** Parses a cluster name made by `subsetKey`. */
export function parseSubsetKey(
  name: string
): { direction: string; port: number; subset: string; hostname: string } | undefined {
  const parts = name.split('|')
  if (parts.length !== 4) return undefined
  return { direction: parts[0]!, port: Number(parts[1]), subset: parts[2]!, hostname: parts[3]! }
}
