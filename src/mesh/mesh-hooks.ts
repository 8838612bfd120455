import type { KubeObject } from '../api/types.js'
import {
  copyHeaders,
  type AppContext,
  type HttpRequest,
  type HttpResponse,
  type Origin,
  type PodEndpointInfo,
  type SidecarHooks,
  type Target,
} from '../network/index.js'
import type { Clock } from '../util/index.js'
import { captureRulesOf, capturesInbound, capturesOutbound } from './envoy/capture.js'
import { EnvoyProxy, type CheckRequest, type ProxyFeatures } from './envoy/envoy-proxy.js'
import { handleInbound } from './envoy/inbound.js'
import { mixerDenial, type LocalReply } from './envoy/local-replies.js'
import { handleOutbound } from './envoy/outbound.js'
import { proxyFeatures } from './envoy/proxy-features.js'
import type { MeshSource } from './mesh-watcher.js'
import { MixerPolicy } from './mixer/index.js'
import { nameOf, nsOf, specOf } from './model/mesh-objects.js'
import { buildProxyConfig, createPushContext, type PushContext } from './pilot/index.js'
import type { ReportBus } from './report.js'

/** What the mesh's data plane is made of. */
export interface MeshHooksOptions {
  source: MeshSource
  /** The data plane's clock (wall clock in the lab; a fake one in tests). */
  clock: Clock
  bus: ReportBus
  random?: () => number
  /** Container logs (the lab's MemoryLogStore): each proxy's access log goes to its container. */
  logs?: {
    append(namespace: string, pod: string, container: string, lines: readonly string[]): void
  }
  /** Wall-clock ms for reports (default Date.now). */
  now?: () => number
  /**
   * The kubelets' usage meter: each proxy counts every request it handles on its container
   * (request and response body bytes).
   */
  meter?: ProxyMeter
}

/** Counts one request a container handled (the kubelet's ContainerUsageMeter.handled). */
export type ProxyMeter = (
  namespace: string,
  pod: string,
  container: string,
  requestBytes: number,
  responseBytes: number
) => void

interface ProxyEntry {
  proxy: EnvoyProxy
  version: number
}

function hasSidecar(pod: KubeObject): boolean {
  const cs = specOf<{ containers?: { name: string }[] }>(pod).containers ?? []
  return cs.some((c) => c.name === 'istio-proxy')
}

/**
 * Returns the container a pod's Envoy runs in, where its access log goes: `istio-proxy` in an
 * injected pod, the `proxy router` container in a gateway pod (`istio-ingressgateway`).
 */
export function proxyContainer(pod: KubeObject): string {
  const cs = specOf<{ containers?: { name: string; args?: string[] }[] }>(pod).containers ?? []
  if (cs.some((c) => c.name === 'istio-proxy')) return 'istio-proxy'
  const router = cs.find((c) => c.args?.[0] === 'proxy' && c.args.includes('router'))
  return router?.name ?? 'istio-proxy'
}

/**
 * The mesh's SidecarHooks: one emulated Envoy per injected pod, configured by the Pilot function
 * from the live objects (rebuilt when they change), with Mixer's policy check on the inbound
 * side. Outbound connections istio-init does not capture (excluded IP ranges) and inbound ports
 * it does not capture pass through untouched.
 */
export class MeshHooks implements SidecarHooks {
  private o: MeshHooksOptions
  private random: () => number
  private push: { version: number; ctx: PushContext; features: ProxyFeatures } | undefined
  private proxies = new Map<string, ProxyEntry>()
  private byPod = new WeakMap<KubeObject, ProxyEntry>()
  private mixer: MixerPolicy

  constructor(o: MeshHooksOptions) {
    this.o = o
    this.random = o.random ?? Math.random
    this.mixer = new MixerPolicy(o.clock)
  }

  /** Returns the current push context (rebuilt after the objects changed). */
  pushContext(): PushContext {
    const v = this.o.source.version()
    if (!this.push || this.push.version !== v) {
      const ctx = createPushContext(this.o.source.objects())
      this.push = { version: v, ctx, features: proxyFeatures(ctx.mesh.meshConfig) }
    }
    return this.push.ctx
  }

  /** Returns the proxy of a pod, its config current. */
  proxyOf(pod: KubeObject): EnvoyProxy {
    const ctx = this.pushContext()
    const v = this.push!.version
    // The same pod object asks on every request: its entry is found without building a key.
    const seen = this.byPod.get(pod)
    if (seen && seen.version === v) return seen.proxy
    const key = `${nsOf(pod)}/${nameOf(pod)}`
    const e = this.proxies.get(key)
    if (e) this.byPod.set(pod, e)
    if (e && e.version === v) return e.proxy
    const cfg = buildProxyConfig(ctx, ctx.podByIp.get(podIp(pod)) ?? pod)
    if (e) {
      e.proxy.setConfig(cfg)
      e.version = v
      return e.proxy
    }
    const proxy = new EnvoyProxy(cfg.node, this.deps(pod), cfg)
    const entry = { proxy, version: v }
    this.proxies.set(key, entry)
    this.byPod.set(pod, entry)
    return proxy
  }

  private deps(pod: KubeObject): EnvoyProxy['deps'] {
    const ns = nsOf(pod)
    const name = nameOf(pod)
    const container = proxyContainer(pod)
    const meter = this.o.meter
    return {
      clock: this.o.clock,
      random: this.random,
      bus: this.o.bus,
      log: (line) => this.o.logs?.append(ns, name, container, [line]),
      podAt: (ip) => {
        const p = this.pushContext().podByIp.get(ip)
        return p ? { pod: p, hasSidecar: hasSidecar(p) } : undefined
      },
      check: (c) => this.check(c),
      now: this.o.now ?? Date.now,
      features: () => (this.pushContext(), this.push!.features),
      ...(meter ? { handled: (i: number, o: number) => meter(ns, name, container, i, o) } : {}),
    }
  }

  private check(c: CheckRequest): LocalReply | undefined {
    const ctx = this.pushContext()
    const mesh = ctx.mesh.meshConfig
    // No Mixer check server configured (no Istio install): the proxy has no mixer check filter.
    if (mesh.disablePolicyChecks || !mesh.mixerCheckServer) return undefined
    const ready = ctx.mesh.endpoints.some(
      (e) =>
        nameOf(e) === 'istio-policy' &&
        nsOf(e) === 'istio-system' &&
        ((e as unknown as { subsets?: { addresses?: unknown[] }[] }).subsets ?? []).some(
          (s) => (s.addresses ?? []).length > 0
        )
    )
    if (!ready) {
      // No istio-policy pod to ask: policyCheckFailOpen decides (1.0 default: fail closed).
      return mesh.policyCheckFailOpen
        ? undefined
        : mixerDenial('UNAVAILABLE', 'upstream connect error or disconnect/reset before headers')
    }
    const st = this.mixer.check(ctx.mesh, c)
    return st ? mixerDenial(st.code, st.message) : undefined
  }

  /** The outbound hook (the network calls it for every request leaving an injected pod). */
  outbound(
    from: PodEndpointInfo,
    dest: { host: string; ip: string; port: number },
    req: HttpRequest,
    next: (target: Target | undefined, req: HttpRequest) => Promise<HttpResponse>
  ): Promise<HttpResponse> {
    if (!capturesOutbound(captureRulesOf(from.pod), dest.ip)) return next(undefined, req)
    return handleOutbound(this.proxyOf(from.pod), from, dest, req, next)
  }

  /** Serves a request that reached a gateway pod's port (the `istio-gateway` built-in app). */
  gateway(reqIn: HttpRequest, ctx: AppContext): Promise<HttpResponse> {
    const headers = copyHeaders(reqIn.headers)
    // The edge proxy appends the downstream address (use_remote_address on gateways).
    const remote = ctx.from.kind === 'host' ? ctx.from.ip : ctx.from.pod.ip
    headers['x-forwarded-for'] = headers['x-forwarded-for']
      ? `${headers['x-forwarded-for']}, ${remote}`
      : remote
    const req = { ...reqIn, headers }
    const dest = { host: req.authority, ip: ctx.pod.ip, port: ctx.port }
    return handleOutbound(this.proxyOf(ctx.pod.pod), ctx.pod, dest, req, (target, r) => {
      if (!target)
        return Promise.reject(new Error('failed to route: the gateway has no original destination'))
      return ctx.fetch(`http://${target.ip}:${target.port}${r.path}`, {
        method: r.method,
        headers: r.headers,
        body: r.body,
      })
    })
  }

  /** The inbound hook (the network calls it for every request arriving at an injected pod). */
  inbound(
    to: PodEndpointInfo,
    port: number,
    from: Origin,
    req: HttpRequest,
    next: (req: HttpRequest) => Promise<HttpResponse>
  ): Promise<HttpResponse> {
    if (!capturesInbound(captureRulesOf(to.pod), port)) return next(req)
    return handleInbound(this.proxyOf(to.pod), to.ip, port, from, req, next)
  }
}

/**
 * Returns the built-in app of a gateway container (`proxy router`): requests reaching its ports
 * go through the Gateway listeners Pilot computed for it, and upstream to the chosen pod.
 */
export function gatewayApp(hooks: MeshHooks): (ctx: { pod: PodEndpointInfo }) => {
  handle: (req: HttpRequest, ctx: AppContext) => Promise<HttpResponse>
} {
  return () => ({ handle: (req, ctx) => hooks.gateway(req, ctx) })
}

function podIp(pod: KubeObject): string {
  return (pod as unknown as { status?: { podIP?: string } }).status?.podIP ?? ''
}
