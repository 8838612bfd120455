import type { KubeObject } from '../../api/types.js'
import {
  NetError,
  NetErrorCodes,
  type HttpRequest,
  type HttpResponse,
  type Origin,
  type SidecarHooks,
} from '../../network/index.js'
import type { MeshObjects } from '../../mesh/model/mesh-objects.js'
import { endpointInfo } from './mesh-fixtures.js'

/** A test app: answers a request that reached a pod. */
export type TestApp = (req: HttpRequest, pod: KubeObject) => Promise<HttpResponse> | HttpResponse

/** Returns a 200 naming the pod that answered. */
export const okApp: TestApp = (_req, pod) => ({
  status: 200,
  headers: { 'content-type': 'text/plain' },
  body: Buffer.from(`ok from ${pod.metadata.name}`),
})

/**
 * A minimal in-process network for the mesh's unit tests: DNS by Service name in the caller's
 * namespace, kube-proxy's random pick when no sidecar chooses, the sidecar hooks on both ends
 * and per-pod test apps. The real network lives in src/network.
 */
export class FakeNetwork {
  apps = new Map<string, TestApp>()
  private hooks: SidecarHooks
  private mesh: () => MeshObjects

  constructor(hooks: SidecarHooks, mesh: () => MeshObjects) {
    this.hooks = hooks
    this.mesh = mesh
  }

  private podAt(ip: string): KubeObject | undefined {
    return this.mesh().pods.find(
      (p) => (p as unknown as { status: { podIP: string } }).status.podIP === ip
    )
  }

  /** Sends a request from a pod (or the host when `from` is undefined) to an http URL. */
  fetch(
    from: KubeObject | undefined,
    url: string,
    headers: Record<string, string> = {}
  ): Promise<HttpResponse> {
    const u = new URL(url)
    const ns = from?.metadata.namespace ?? 'default'
    const short = u.hostname.split('.')
    const svc = this.mesh().services.find(
      (s) => s.metadata.name === short[0] && s.metadata.namespace === (short[1] ?? ns)
    )
    const ip = svc ? (svc as unknown as { spec: { clusterIP: string } }).spec.clusterIP : u.hostname
    const port = Number(u.port || 80)
    const req: HttpRequest = {
      method: 'GET',
      path: u.pathname + u.search,
      authority: u.host,
      headers: { host: u.host, ...headers },
      body: Buffer.alloc(0),
    }
    const origin: Origin = from
      ? { kind: 'pod', pod: endpointInfo(from), container: 'app' }
      : { kind: 'host', ip: '127.0.10.1' }
    const route = (r: HttpRequest) => this.kubeProxy(origin, ip, port, r)
    if (from && endpointInfo(from).hasSidecar)
      return this.hooks.outbound(endpointInfo(from), { host: u.hostname, ip, port }, req, (t, r) =>
        t ? this.deliver(origin, t.ip, t.port, r) : route(r)
      )
    return route(req)
  }

  private kubeProxy(
    origin: Origin,
    ip: string,
    port: number,
    req: HttpRequest
  ): Promise<HttpResponse> {
    const svc = this.mesh().services.find(
      (s) => (s as unknown as { spec: { clusterIP: string } }).spec.clusterIP === ip
    )
    if (!svc) return this.deliver(origin, ip, port, req)
    const ep = this.mesh().endpoints.find(
      (e) =>
        e.metadata.name === svc.metadata.name && e.metadata.namespace === svc.metadata.namespace
    ) as unknown as { subsets: { addresses: { ip: string }[] }[] }
    const addrs = ep.subsets.flatMap((s) => s.addresses)
    const a = addrs[Math.floor(Math.random() * addrs.length)]
    if (!a) return Promise.reject(new NetError(NetErrorCodes.refused, 'connection refused'))
    return this.deliver(origin, a.ip, port, req)
  }

  private async deliver(
    origin: Origin,
    ip: string,
    port: number,
    req: HttpRequest
  ): Promise<HttpResponse> {
    const pod = this.podAt(ip)
    if (!pod) throw new NetError(NetErrorCodes.refused, `connect ECONNREFUSED ${ip}:${port}`)
    const app = this.apps.get(pod.metadata.name ?? '') ?? okApp
    const info = endpointInfo(pod)
    if (!info.hasSidecar) return app(req, pod)
    return this.hooks.inbound(info, port, origin, req, async (r) => app(r, pod))
  }
}
