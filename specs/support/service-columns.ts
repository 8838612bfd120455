// A Service's PORT(S) and EXTERNAL-IP as `kubectl get svc` prints them.
import type { Service } from './kube-types.js'

/** Returns the PORT(S) items: `port/PROTO`, or `port:nodePort/PROTO` when a NodePort is set. */
export function servicePorts(svc: Service): string[] {
  return (svc.spec?.ports ?? []).map((p) => {
    const proto = p.protocol ?? 'TCP'
    return p.nodePort ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`
  })
}

/**
 * Returns the EXTERNAL-IP column: the external IPs (and, for a LoadBalancer, the ingress
 * addresses), `<pending>` for a LoadBalancer without any, `<none>` otherwise.
 */
export function serviceExternalIp(svc: Service): string {
  const external = svc.spec?.externalIPs ?? []
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ExternalName':
      return svc.spec?.externalName ?? '<none>'
    case 'LoadBalancer': {
      const ingress = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '')
      const all = [...ingress.filter(Boolean), ...external]
      return all.length > 0 ? all.join(',') : '<pending>'
    }
    default:
      return external.length > 0 ? external.join(',') : '<none>'
  }
}
