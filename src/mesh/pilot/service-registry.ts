import type { Service } from '../../api/core-types.js'
import type { KubeObject } from '../../api/types.js'
import type { ServiceEntrySpec } from '../model/istio-types.js'
import { nameOf, nsOf, specOf, type MeshObjects } from '../model/mesh-objects.js'
import { resolveShortname, serviceHostname } from './hostname.js'

/** Istio 1.0's protocols (`model.Protocol`). */
export type Protocol =
  'HTTP' | 'HTTP2' | 'GRPC' | 'HTTPS' | 'TLS' | 'MONGO' | 'REDIS' | 'TCP' | 'UDP'

const PROTOCOLS: readonly Protocol[] = [
  'HTTP',
  'HTTP2',
  'GRPC',
  'HTTPS',
  'TLS',
  'MONGO',
  'REDIS',
  'TCP',
  'UDP',
]

/** One port of a mesh service. */
export interface ServicePort {
  name: string
  port: number
  protocol: Protocol
  /** Kubernetes targetPort (number or name), when the service is a Kubernetes Service. */
  targetPort?: number | string
}

/** A service as Pilot's registry holds it (a Kubernetes Service or a ServiceEntry host). */
export interface MeshService {
  hostname: string
  name: string
  namespace: string
  /** ClusterIP, or `0.0.0.0` when none (headless, ServiceEntry without addresses). */
  address: string
  ports: ServicePort[]
  /** Kubernetes selector; undefined for ServiceEntries. */
  selector?: Record<string, string>
  /** ServiceEntry details. */
  entry?: { resolution: string; location: string; endpoints: ServiceEntrySpec['endpoints'] }
}

/**
 * Returns the protocol of a port from its name (`ConvertProtocol`): the prefix before the first
 * `-`, case-insensitive; anything else is TCP.
 */
export function protocolOfPortName(name: string | undefined): Protocol {
  const prefix = (name ?? '').split('-')[0]!.toUpperCase()
  return (PROTOCOLS as readonly string[]).includes(prefix) ? (prefix as Protocol) : 'TCP'
}

/** Returns true for the protocols HTTP routes apply to. */
export function isHttpProtocol(p: Protocol): boolean {
  return p === 'HTTP' || p === 'HTTP2' || p === 'GRPC'
}

function fromKubeService(s: Service): MeshService {
  const spec = s.spec ?? {}
  const ns = nsOf(s)
  return {
    hostname: serviceHostname(nameOf(s), ns),
    name: nameOf(s),
    namespace: ns,
    address: spec.clusterIP && spec.clusterIP !== 'None' ? spec.clusterIP : '0.0.0.0',
    ports: (spec.ports ?? [])
      .filter((p) => (p.protocol ?? 'TCP') === 'TCP')
      .map((p) => ({
        name: p.name ?? '',
        // Go's zero value stands in for a missing port (the API requires one).
        port: p.port ?? 0,
        protocol: protocolOfPortName(p.name),
        targetPort: p.targetPort ?? p.port ?? 0,
      })),
    ...(spec.selector ? { selector: spec.selector } : {}),
  }
}

function fromServiceEntry(se: KubeObject): MeshService[] {
  const spec = specOf<ServiceEntrySpec>(se)
  const ns = nsOf(se)
  return (spec.hosts ?? []).map((h) => ({
    hostname: resolveShortname(h, ns),
    name: h,
    namespace: ns,
    address: spec.addresses?.[0] ?? '0.0.0.0',
    ports: (spec.ports ?? []).map((p) => ({
      name: p.name ?? '',
      port: p.number ?? 0,
      protocol: ((PROTOCOLS as readonly string[]).includes((p.protocol ?? '').toUpperCase())
        ? (p.protocol ?? '').toUpperCase()
        : 'TCP') as Protocol,
    })),
    entry: {
      resolution: spec.resolution ?? 'NONE',
      location: spec.location ?? 'MESH_EXTERNAL',
      endpoints: spec.endpoints ?? [],
    },
  }))
}

/** Returns every service of the mesh: Kubernetes Services, then ServiceEntry hosts. */
export function meshServices(m: MeshObjects): MeshService[] {
  return [...m.services.map(fromKubeService), ...m.serviceEntries.flatMap(fromServiceEntry)]
}
