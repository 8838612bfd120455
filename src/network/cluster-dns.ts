import type { ServiceTable } from './service-table.js'

/**
 * One query the cluster DNS answered: each name a pod's resolver tries (search domains included)
 * is one A query to the kube-dns Service, which kube-proxy sends to one of its ready endpoints.
 */
export interface DnsQuery {
  /** The kube-dns endpoint (CoreDNS pod IP) the query went to; undefined when none is ready. */
  server: string | undefined
  /** The name asked, fully qualified (`multicloud.onap.svc.cluster.local.`). */
  name: string
  type: 'A'
  /** The addresses answered; undefined for NXDOMAIN. */
  answers: readonly string[] | undefined
  /** The cluster domain (the kubernetes plugin's zone), e.g. `cluster.local`. */
  domain: string
  /** How long the lab took to answer, seconds. */
  seconds: number
}

/** Receives the queries the cluster DNS answers. */
export type DnsQueryWatcher = (q: DnsQuery) => void

const watchers = new WeakMap<ServiceTable, { fns: Set<DnsQueryWatcher>; random: () => number }>()

/**
 * Calls `fn` with every query the cluster DNS of `table`'s cluster answers from now on (a pod
 * network caches an answer until the next Service or Endpoints change: a cached answer asks
 * nothing); `random` spreads the queries over kube-dns's endpoints as kube-proxy does. Returns
 * the function that stops it.
 */
export function watchDnsQueries(
  table: ServiceTable,
  fn: DnsQueryWatcher,
  random: () => number = Math.random
): () => void {
  let w = watchers.get(table)
  if (!w) watchers.set(table, (w = { fns: new Set(), random }))
  w.fns.add(fn)
  return () => void w.fns.delete(fn)
}

// kube-dns's UDP port 53 endpoints (the Service kubelet's `--cluster-dns` points at).
function dnsServer(table: ServiceTable, random: () => number): string | undefined {
  const port = table.byName('kube-system', 'kube-dns')?.ports.find((p) => p.port === 53)
  const list = port?.backends ?? []
  return list.length ? list[Math.floor(random() * list.length)]?.ip : undefined
}

/** lookupFqdn, telling `table`'s watchers about the query. */
function answer(fqdn: string, table: ServiceTable, domain: string): string[] | undefined {
  const w = watchers.get(table)
  if (!w || w.fns.size === 0) return lookupFqdn(fqdn, table, domain)
  const t0 = performance.now()
  const ips = lookupFqdn(fqdn, table, domain)
  const q: DnsQuery = {
    server: dnsServer(table, w.random),
    name: `${fqdn}.`,
    type: 'A',
    answers: ips,
    domain,
    seconds: (performance.now() - t0) / 1000,
  }
  for (const fn of w.fns) fn(q)
  return ips
}

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
  if (host.endsWith('.')) return answer(host.slice(0, -1), table, domain)
  const searched = searchPath(namespace, domain).map((d) => `${host}.${d}`)
  const order = host.split('.').length - 1 >= 5 ? [host, ...searched] : [...searched, host]
  for (const fqdn of order) {
    const ips = answer(fqdn, table, domain)
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
