import type { Pod } from '../../api/core-types.js'
import type { GatewaySpec } from '../model/istio-types.js'
import { nameOf, nsOf, specOf, type MeshObjects } from '../model/mesh-objects.js'
import { peerAuthn } from './authn.js'
import { staticCluster } from './clusters.js'
import { subsetKey } from './hostname.js'
import { defaultRoute } from './http-routes.js'
import { labelsMatch, podsByIp, serviceInstances } from './instances.js'
import {
  buildOutboundClusters,
  buildOutboundListeners,
  gatewayVirtualHosts,
  outboundHttpListener,
  type PushContext,
} from './outbound-config.js'
import { proxyNodeOf } from './proxy-node.js'
import {
  isHttpProtocol,
  meshServices,
  type MeshService,
  type ServicePort,
} from './service-registry.js'
import type {
  Cluster,
  ClusterLoadAssignment,
  Listener,
  ProxyConfig,
  RouteConfiguration,
} from './types.js'
import { virtualServicesFor } from './virtual-hosts.js'

/** Indexes the mesh once (`PushContext`); every proxy's config is built from it. */
export function createPushContext(mesh: MeshObjects): PushContext {
  const services = meshServices(mesh)
  const podByIp = podsByIp(mesh.pods)
  const instances = new Map(services.map((s) => [s, serviceInstances(mesh, s, podByIp)] as const))
  return {
    mesh,
    services,
    byHost: new Map(services.map((s) => [s.hostname, s] as const)),
    instances,
    podByIp,
    meshVirtualServices: virtualServicesFor(mesh.virtualServices, 'mesh'),
  }
}

/** Returns the port number a Service's targetPort names on a pod. */
export function targetPortOn(pod: Pod, p: ServicePort): number | undefined {
  if (typeof p.targetPort === 'number') return p.targetPort
  const cs = pod.spec?.containers ?? []
  for (const c of cs) {
    const hit = c.ports?.find((x) => x.name === p.targetPort)
    if (hit) return hit.containerPort
  }
  const n = Number(p.targetPort)
  return Number.isFinite(n) ? n : undefined
}

/** Returns the Kubernetes Services selecting a pod. */
export function servicesOfPod(push: PushContext, pod: Pod): MeshService[] {
  return push.services.filter(
    (s) =>
      s.selector &&
      Object.keys(s.selector).length > 0 &&
      s.namespace === nsOf(pod) &&
      labelsMatch(s.selector, pod.metadata.labels ?? {})
  )
}

function inbound(push: PushContext, pod: Pod, ip: string) {
  const listeners: Listener[] = []
  const routes: RouteConfiguration[] = []
  const clusters: Cluster[] = []
  const endpoints: ClusterLoadAssignment[] = []
  const seen = new Set<number>()
  for (const svc of servicesOfPod(push, pod)) {
    for (const port of svc.ports) {
      const target = targetPortOn(pod, port)
      if (target === undefined || seen.has(target)) continue
      seen.add(target)
      const name = subsetKey('inbound', '', svc.hostname, port.port)
      const authn = peerAuthn(push.mesh, svc, port)
      const http = isHttpProtocol(port.protocol)
      listeners.push({
        name: `${ip}_${target}`,
        address: ip,
        port: target,
        direction: 'inbound',
        protocol: http ? 'HTTP' : 'TCP',
        ...(http ? { routeConfigName: name } : { cluster: name }),
        ...(authn.mtls
          ? { tls: { mode: authn.mtls, requireClientCertificate: authn.mtls === 'STRICT' } }
          : {}),
        ...(authn.policy ? { authnPolicy: authn.policy } : {}),
      })
      if (http) {
        routes.push({
          name,
          virtualHosts: [
            {
              name: 'inbound|http|' + port.port,
              domains: ['*'],
              routes: [defaultRoute(svc.hostname, port.port, name)],
            },
          ],
        })
      }
      clusters.push({
        ...staticCluster(name),
        service: { hostname: svc.hostname, subset: '', port: port.port },
      })
      endpoints.push({
        clusterName: name,
        endpoints: [{ ip: '127.0.0.1', port: target, labels: {} }],
      })
    }
  }
  return { listeners, routes, clusters, endpoints }
}

function gatewayListeners(push: PushContext, pod: Pod, node: ReturnType<typeof proxyNodeOf>) {
  const listeners: Listener[] = []
  const routes: RouteConfiguration[] = []
  const gws = push.mesh.gateways.filter((g) => {
    const sel = specOf<GatewaySpec>(g).selector ?? {}
    return Object.keys(sel).length > 0 && labelsMatch(sel, pod.metadata.labels ?? {})
  })
  const byPort = new Map<number, RouteConfiguration>()
  for (const g of gws) {
    const gwName = `${nameOf(g)}.${nsOf(g)}.svc.cluster.local`
    const vss = virtualServicesFor(push.mesh.virtualServices, gwName)
    for (const s of specOf<GatewaySpec>(g).servers ?? []) {
      const port = s.port?.number ?? 0
      const proto = (s.port?.protocol ?? '').toUpperCase()
      if (!['HTTP', 'HTTP2', 'GRPC'].includes(proto)) continue
      let rc = byPort.get(port)
      if (!rc) {
        rc = { name: `http.${port}`, virtualHosts: [] }
        byPort.set(port, rc)
        routes.push(rc)
        listeners.push(outboundHttpListener(port, rc.name))
      }
      rc.virtualHosts.push(...gatewayVirtualHosts(push, node, gwName, s.hosts ?? [], vss, port))
    }
  }
  return { listeners, routes }
}

/**
 * Returns the configuration Pilot 1.0.0 pushes to the proxy of `pod`: for a sidecar its inbound
 * listeners (one per service port it backs, with the authn policy's TLS) and outbound listeners
 * (an HTTP listener per port with its RDS route, TCP listeners per service address), for a
 * gateway the listeners of the Gateways selecting it; both get every outbound cluster and its
 * endpoints.
 */
export function buildProxyConfig(push: PushContext, pod: Pod): ProxyConfig {
  const node = proxyNodeOf(pod)
  const out = buildOutboundClusters(push)
  if (node.type === 'router') {
    const gw = gatewayListeners(push, pod, node)
    return {
      node,
      listeners: gw.listeners,
      routes: gw.routes,
      clusters: out.clusters,
      endpoints: out.endpoints,
    }
  }
  const inb = inbound(push, pod, node.ip)
  const outb = buildOutboundListeners(push, node)
  return {
    node,
    listeners: [...inb.listeners, ...outb.listeners],
    routes: [...inb.routes, ...outb.routes],
    clusters: [...inb.clusters, ...out.clusters, staticCluster('BlackHoleCluster')],
    endpoints: [...inb.endpoints, ...out.endpoints],
  }
}
