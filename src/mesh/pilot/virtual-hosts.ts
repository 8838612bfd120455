import type { KubeObject } from '../../api/types.js'
import type { VirtualServiceSpec } from '../model/istio-types.js'
import { nameOf, nsOf, specOf } from '../model/mesh-objects.js'
import { hostMatches, resolveShortname } from './hostname.js'

/** Returns the VirtualServices bound to a gateway (`mesh` or a gateway's FQDN), oldest first. */
export function virtualServicesFor(vss: readonly KubeObject[], gateway: string): KubeObject[] {
  return vss
    .filter((vs) => {
      const gws = specOf<VirtualServiceSpec>(vs).gateways ?? []
      if (gateway === 'mesh') return gws.length === 0 || gws.includes('mesh')
      return gws.some((g) => g !== 'mesh' && resolveShortname(g, nsOf(vs)) === gateway)
    })
    .sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
        nameOf(a).localeCompare(nameOf(b))
    )
}

/** Returns the hosts of a VirtualService, short names qualified by its namespace. */
export function vsHosts(vs: KubeObject): string[] {
  return (specOf<VirtualServiceSpec>(vs).hosts ?? []).map((h) => resolveShortname(h, nsOf(vs)))
}

/** Returns the first VirtualService with a host matching `hostname`. */
export function virtualServiceForHost(
  vss: readonly KubeObject[],
  hostname: string
): KubeObject | undefined {
  return vss.find((vs) => vsHosts(vs).some((h) => hostMatches(h, hostname)))
}

/**
 * Returns the domains of a service's virtual host for a proxy in namespace `proxyNs`
 * (`generateVirtualHostDomains`): the FQDN, the shortened names sharing the proxy's DNS suffix,
 * and the cluster IP, each with and without the port.
 */
export function virtualHostDomains(
  hostname: string,
  address: string,
  port: number,
  proxyNs: string
): string[] {
  const out = [hostname, `${hostname}:${port}`]
  const proxyDomain = `${proxyNs}.svc.cluster.local`.split('.')
  const labels = hostname.split('.')
  let shared = 0
  while (
    shared < Math.min(labels.length - 1, proxyDomain.length) &&
    labels[labels.length - 1 - shared] === proxyDomain[proxyDomain.length - 1 - shared]
  ) {
    shared++
  }
  if (shared > 0) {
    const uniq = labels.slice(0, labels.length - shared).join('.')
    const sharedParts = labels.slice(labels.length - shared)
    out.push(uniq, `${uniq}:${port}`)
    for (let i = sharedParts.length - 1; i > 0; i--) {
      const v = `${uniq}.${sharedParts.slice(0, i).join('.')}`
      out.push(v, `${v}:${port}`)
    }
  }
  if (address && address !== '0.0.0.0') out.push(address, `${address}:${port}`)
  return out
}
