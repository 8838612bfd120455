import type { KubeObject } from '../../api/types.js'
import {
  parseServiceInfo,
  SERVICE_INFO_ANNOTATION,
  type ServiceAnnotation,
} from './service-info.js'

/** One registration kube2msb makes: an annotation entry with the object's IP inserted. */
export interface Registration {
  /** Identity of the registered node: name, version, ip, port. */
  id: string
  annotation: ServiceAnnotation
  /** The POST body (oom-registrator's ServiceUnit). */
  body: Record<string, unknown>
}

interface ServiceShape {
  spec?: { type?: string; clusterIP?: string; loadBalancerIP?: string }
  status?: { podIP?: string }
}

/**
 * Returns what kube2msb registers for a Service or Pod: nothing without the annotation, for a
 * headless Service or a Pod without IP; a malformed annotation is logged (kube2msb's message)
 * and gives nothing. Services of type ClusterIP and NodePort register their ClusterIP,
 * LoadBalancer ones their loadBalancerIP (kube_work.go), falling back to the ClusterIP.
 */
export function registrationsOf(
  kind: 'service' | 'pod',
  obj: KubeObject,
  log: (msg: string) => void
): Registration[] {
  const info = obj.metadata.annotations?.[SERVICE_INFO_ANNOTATION]
  if (info === undefined) return []
  const o = obj as KubeObject & ServiceShape
  let ip: string | undefined
  if (kind === 'pod') ip = o.status?.podIP
  else {
    const type = o.spec?.type ?? 'ClusterIP'
    const clusterIP = o.spec?.clusterIP
    if (!clusterIP || clusterIP === 'None') {
      log(`Skipping dns record for headless service: ${obj.metadata.name ?? ''}`)
      return []
    }
    if (type === 'ClusterIP' || type === 'NodePort') ip = clusterIP
    else if (type === 'LoadBalancer') ip = o.spec?.loadBalancerIP || clusterIP
    else {
      log(`Service Type:${type} for Service:${obj.metadata.name ?? ''} is not supported`)
      return []
    }
  }
  if (!ip) return []
  let entries: ServiceAnnotation[]
  try {
    entries = parseServiceInfo(info)
  } catch (err) {
    log(
      `Failed to Unmarshal serviceInfo to ServiceAnnotation:${err instanceof Error ? err.message : String(err)}`
    )
    return []
  }
  return entries.map((e) => {
    const a = { ...e, ip }
    return {
      id: `${a.serviceName}/${a.version}/${a.ip}/${a.port}`,
      annotation: a,
      body: {
        serviceName: a.serviceName,
        version: a.version,
        url: a.url,
        protocol: a.protocol,
        visualRange: a.visualRange,
        lb_policy: a.lb_policy,
        path: a.path,
        enable_ssl: a.enable_ssl,
        nodes: [{ ip: a.ip, port: a.port }],
      },
    }
  })
}
