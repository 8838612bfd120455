import type { Pod } from '../../api/core-types.js'
import type { KubeObject } from '../../api/types.js'
import type { MeshObjects } from '../model/mesh-objects.js'
import type { VirtualServiceSpec } from '../model/istio-types.js'
import { specOf } from '../model/mesh-objects.js'
import { destinationRuleFor, outboundClusters, subsetLabels } from './clusters.js'
import { resolveShortname, subsetKey } from './hostname.js'
import { defaultRoute, translateHttpRoutes, type RouteContext } from './http-routes.js'
import { labelsMatch, type ServiceInstance } from './instances.js'
import { isHttpProtocol, type MeshService } from './service-registry.js'
import type { Cluster, ClusterLoadAssignment, Listener, ProxyNode, VirtualHost } from './types.js'
import { virtualHostDomains, virtualServiceForHost, vsHosts } from './virtual-hosts.js'

/** The mesh as indexed once per push, shared by every proxy's build. */
export interface PushContext {
  mesh: MeshObjects
  services: MeshService[]
  byHost: Map<string, MeshService>
  instances: Map<MeshService, ServiceInstance[]>
  podByIp: Map<string, Pod>
  /** VirtualServices bound to the mesh gateway. */
  meshVirtualServices: KubeObject[]
}

/** Returns the SPIFFE identity of a service account. */
export function spiffeId(namespace: string, sa: string): string {
  return `spiffe://cluster.local/ns/${namespace}/sa/${sa}`
}

/** Returns the outbound clusters and their endpoints for every service port. */
export function buildOutboundClusters(push: PushContext): {
  clusters: Cluster[]
  endpoints: ClusterLoadAssignment[]
} {
  const clusters: Cluster[] = []
  const endpoints: ClusterLoadAssignment[] = []
  for (const svc of push.services) {
    const rule = destinationRuleFor(push.mesh.destinationRules, svc.hostname)
    const all = push.instances.get(svc) ?? []
    for (const port of svc.ports) {
      const insts = all.filter((i) => i.servicePort.port === port.port)
      const sans = [
        ...new Set(
          insts
            .filter((i) => i.serviceAccount)
            .map((i) => spiffeId(svc.namespace, i.serviceAccount!))
        ),
      ].sort()
      for (const c of outboundClusters({
        hostname: svc.hostname,
        port: port.port,
        external: !!svc.entry && svc.entry.resolution !== 'STATIC',
        sans,
        rule,
        mesh: push.mesh.meshConfig,
      })) {
        clusters.push(c)
        const sel = subsetLabels(rule, c.service!.subset) ?? { '\u0000none': 'x' }
        endpoints.push({
          clusterName: c.name,
          endpoints: insts
            .filter((i) => labelsMatch(sel, i.labels))
            .map((i) => ({
              ip: i.ip,
              port: i.port,
              labels: i.labels,
              ...(i.pod ? { pod: i.pod } : {}),
            })),
        })
      }
    }
  }
  return { clusters, endpoints }
}

/** Returns a sidecar's outbound listeners and route configurations (named after the port). */
export function buildOutboundListeners(
  push: PushContext,
  node: ProxyNode
): { listeners: Listener[]; routes: { name: string; virtualHosts: VirtualHost[] }[] } {
  const listeners: Listener[] = []
  const vhostsByPort = new Map<number, VirtualHost[]>()
  for (const svc of push.services) {
    for (const port of svc.ports) {
      if (!isHttpProtocol(port.protocol)) {
        if (svc.address === '0.0.0.0') continue
        listeners.push({
          name: `${svc.address}_${port.port}`,
          address: svc.address,
          port: port.port,
          direction: 'outbound',
          protocol: 'TCP',
          cluster: subsetKey('outbound', '', svc.hostname, port.port),
        })
        continue
      }
      const list = vhostsByPort.get(port.port) ?? []
      vhostsByPort.set(port.port, list)
      list.push(serviceVirtualHost(push, node, svc, port.port))
    }
  }
  for (const [port, vhosts] of vhostsByPort) {
    // VirtualService hosts that name no service still get a virtual host on each HTTP port.
    for (const vs of push.meshVirtualServices) {
      for (const h of vsHosts(vs)) {
        if (push.byHost.has(h) || h.startsWith('*')) continue
        vhosts.push({
          name: `${h}:${port}`,
          domains: [h, `${h}:${port}`],
          routes: translateHttpRoutes(
            vs,
            specOf<VirtualServiceSpec>(vs).http ?? [],
            ctx(push, node, port)
          ),
        })
      }
    }
    listeners.push(outboundHttpListener(port, String(port)))
  }
  listeners.push({
    name: 'virtual',
    address: '0.0.0.0',
    port: push.mesh.meshConfig.proxyListenPort,
    direction: 'virtual',
    protocol: 'TCP',
    cluster: 'BlackHoleCluster',
    useOriginalDst: true,
  })
  const routes = [...vhostsByPort].map(([port, virtualHosts]) => ({
    name: String(port),
    virtualHosts,
  }))
  return { listeners, routes }
}

function ctx(push: PushContext, node: ProxyNode, port: number, gateway = 'mesh'): RouteContext {
  return {
    port,
    proxyLabels: node.labels,
    gateway,
    service: (h) => push.byHost.get(h),
  }
}

function serviceVirtualHost(
  push: PushContext,
  node: ProxyNode,
  svc: MeshService,
  port: number
): VirtualHost {
  const vs = virtualServiceForHost(push.meshVirtualServices, svc.hostname)
  const routes = vs
    ? translateHttpRoutes(vs, specOf<VirtualServiceSpec>(vs).http ?? [], ctx(push, node, port))
    : [defaultRoute(svc.hostname, port, subsetKey('outbound', '', svc.hostname, port))]
  return {
    name: `${svc.hostname}:${port}`,
    domains: virtualHostDomains(svc.hostname, svc.address, port, node.namespace),
    routes,
  }
}

/** Builds the routes a gateway serves on one server port for the VirtualServices bound to it. */
export function gatewayVirtualHosts(
  push: PushContext,
  node: ProxyNode,
  gateway: string,
  serverHosts: string[],
  vss: KubeObject[],
  port: number
): VirtualHost[] {
  const out: VirtualHost[] = []
  for (const vs of vss) {
    const routes = translateHttpRoutes(
      vs,
      specOf<VirtualServiceSpec>(vs).http ?? [],
      ctx(push, node, port, gateway)
    )
    for (const h of vsHosts(vs)) {
      const bare = h.startsWith('*') ? h : resolveShortname(h, node.namespace)
      if (!serverHosts.some((s) => s === '*' || s === bare || bare === '*')) continue
      out.push({
        name: `${bare}:${port}`,
        domains: bare === '*' ? ['*'] : [bare, `${bare}:${port}`],
        routes,
      })
    }
  }
  return out
}

/** Returns the wildcard `0.0.0.0_<port>` HTTP listener of an outbound port, routed by name. */
export function outboundHttpListener(port: number, routeConfigName: string): Listener {
  return {
    name: `0.0.0.0_${port}`,
    address: '0.0.0.0',
    port,
    direction: 'outbound',
    protocol: 'HTTP',
    routeConfigName,
  }
}
