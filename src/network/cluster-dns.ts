import type { ServiceTable } from './service-table.js'

/** The cluster domain when the lab's profile names none. */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local'

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** Returns true for a dotted-quad IPv4 address. */
export function isIpv4(s: string): boolean {
  return IPV4.test(s)
}

/** Returns the DNS search path of a pod in `namespace` (kubelet's resolv.conf for ClusterFirst). */
export function searchPath(namespace: string, domain = DEFAULT_CLUSTER_DOMAIN): string[] {
  return [`${namespace}.svc.${domain}`, `svc.${domain}`, domain]
}

/**
 * Returns the addresses of a fully-qualified name as kube-dns answers it: `<svc>.<ns>.svc.<domain>`
 * is the Service's ClusterIP, or the ready pod IPs of a headless Service; undefined (NXDOMAIN)
 * for anything else, a headless Service without ready pods included.
 */
export function lookupFqdn(
  fqdn: string,
  table: ServiceTable,
  domain = DEFAULT_CLUSTER_DOMAIN
): string[] | undefined {
  const suffix = `.svc.${domain}`
  if (!fqdn.endsWith(suffix)) return undefined
  const parts = fqdn.slice(0, -suffix.length).split('.')
  if (parts.length !== 2) return undefined
  const svc = table.byName(parts[1]!, parts[0]!)
  if (!svc) return undefined
  if (svc.clusterIP === 'None') return svc.readyIps.length ? svc.readyIps : undefined
  return svc.clusterIP ? [svc.clusterIP] : undefined
}

/**
 * Resolves a host name as a pod's resolver does (`ndots:5`): a name with a trailing dot is
 * absolute; one with fewer than 5 dots is tried with each search domain first, then as is; one
 * with 5 or more the other way round. IPv4 literals resolve to themselves. Returns undefined
 * when nothing answers (`Could not resolve host`).
 */
export function resolvePodName(
  name: string,
  namespace: string,
  table: ServiceTable,
  domain = DEFAULT_CLUSTER_DOMAIN
): string[] | undefined {
  const host = name.toLowerCase()
  if (isIpv4(host)) return [host]
  if (host.endsWith('.')) return lookupFqdn(host.slice(0, -1), table, domain)
  const searched = searchPath(namespace, domain).map((d) => `${host}.${d}`)
  const order = host.split('.').length - 1 >= 5 ? [host, ...searched] : [...searched, host]
  for (const fqdn of order) {
    const ips = lookupFqdn(fqdn, table, domain)
    if (ips) return ips
  }
  return undefined
}

/**
 * Resolves a host name on the lab's host: IPv4 literals and `localhost` only (the cluster's
 * names are not in the host's resolver, as on a real machine outside the cluster).
 */
export function resolveHostName(name: string): string[] | undefined {
  const host = name.toLowerCase().replace(/\.$/, '')
  if (isIpv4(host)) return [host]
  if (host === 'localhost') return ['127.0.0.1']
  return undefined
}
