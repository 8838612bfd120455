import {
  copyHeaders,
  NetError,
  NetErrorCodes,
  type HttpRequest,
  type HttpResponse,
  type PodEndpointInfo,
} from '../../network/index.js'
import type { KubeObject } from '../../api/types.js'
import type { Route } from '../pilot/index.js'
import type { EnvoyProxy, Sender } from './envoy-proxy.js'
import { PEER_HEADER } from './envoy-proxy.js'
import { decideFault } from './fault-step.js'
import { localReply } from './local-replies.js'
import {
  accessLogOf,
  mixerReports,
  serviceOfCluster,
  toReport,
  type Exchange,
} from './reporting.js'
import { proxiedResponse } from './response-headers.js'
import { routeRequest } from './router.js'
import { selectRoute, selectVirtualHost } from './route-match.js'
import { requestIdOnly, startSpan, type TraceContext } from './tracing.js'
import { pickCluster } from './weighted-cluster.js'
import { unknownWorkload, workloadAttrs } from './workload.js'

interface Outcome {
  res: HttpResponse
  flag: string
  cluster: string
  route?: Route
  upstreamHost?: string
  upstreamIp?: string
  mtls: boolean
}

function upstreamRequest(req: HttpRequest, route: Route): HttpRequest {
  const headers = copyHeaders(req.headers)
  let path = req.path
  let authority = req.authority
  if (route.prefixRewrite !== undefined && route.match.prefix !== undefined) {
    headers['x-envoy-original-path'] = req.path
    path = route.prefixRewrite + req.path.slice(route.match.prefix.length)
  }
  if (route.hostRewrite) authority = route.hostRewrite
  for (const h of route.requestHeadersToAdd) headers[h.key] = h.value
  if (route.timeoutMs > 0) headers['x-envoy-expected-rq-timeout-ms'] = String(route.timeoutMs)
  headers['x-forwarded-proto'] ??= 'http'
  headers.host = authority
  return { ...req, path, authority, headers }
}

async function viaRoute(
  p: EnvoyProxy,
  from: PodEndpointInfo,
  req: HttpRequest,
  route: Route,
  next: Sender
): Promise<Outcome> {
  const d = p.deps
  if (route.redirect) {
    const host = route.redirect.hostRedirect ?? req.authority
    const path = route.redirect.pathRedirect ?? req.path
    const r = localReply('redirect', { headers: { location: `http://${host}${path}` } })
    return { res: r.response, flag: r.flag, cluster: '', route, mtls: false }
  }
  const fault = decideFault(route.fault, d.random)
  if (fault.delayMs > 0) await d.clock.sleep(fault.delayMs)
  if (fault.abortStatus !== undefined) {
    const r = localReply('faultAbort', { status: fault.abortStatus })
    return {
      res: r.response,
      flag: r.flag,
      cluster: pickCluster(route, d.random) ?? '',
      route,
      mtls: false,
    }
  }
  const delayFlag = fault.delayMs > 0 ? 'DI' : undefined
  const clusterName = pickCluster(route, d.random)
  const up = clusterName ? p.upstream(clusterName) : undefined
  if (!clusterName || !up) {
    const r = localReply('clusterNotFound')
    return { res: r.response, flag: r.flag, cluster: clusterName ?? '', route, mtls: false }
  }
  const mtls = up.cluster.tls?.mode === 'ISTIO_MUTUAL'
  const upReq = upstreamRequest(req, route)
  if (mtls)
    upReq.headers[PEER_HEADER] = `cluster.local/ns/${from.namespace}/sa/${from.serviceAccount}`
  if (route.mirrorCluster) mirror(p, from, upReq, route, next)
  if (up.cluster.type === 'STRICT_DNS') {
    // A ServiceEntry host resolved by DNS: the network reaches the original address.
    const t0 = d.clock.now().getTime()
    const r = await next(undefined, upReq).then(
      (res) => ({ res, flag: '-' }),
      (err: unknown) => {
        const l = localReply(
          err instanceof NetError && err.code === NetErrorCodes.refused
            ? 'connectFailure'
            : 'remoteReset'
        )
        return { res: l.response, flag: l.flag }
      }
    )
    return {
      res: r.flag === '-' ? proxiedResponse(r.res, d.clock.now().getTime() - t0) : r.res,
      flag: r.flag,
      cluster: clusterName,
      route,
      mtls,
    }
  }
  const result = await routeRequest({
    route,
    upstream: up,
    req: upReq,
    sourceIp: from.ip,
    clock: d.clock,
    random: d.random,
    send: (target, r) => {
      const peer = d.podAt(target.ip)
      // ISTIO_MUTUAL towards a pod without a sidecar: the TLS handshake meets plaintext.
      if (mtls && peer && !peer.hasSidecar)
        return Promise.reject(new NetError(NetErrorCodes.reset, 'tls handshake failed'))
      return next(target, r)
    },
  })
  const h = result.upstreamHost
  const flag = result.flag === '-' && delayFlag ? delayFlag : result.flag
  return {
    res:
      result.upstreamMs !== undefined
        ? proxiedResponse(result.response, result.upstreamMs)
        : result.response,
    flag,
    cluster: clusterName,
    route,
    ...(h ? { upstreamHost: `${h.ip}:${h.port}`, upstreamIp: h.ip } : {}),
    mtls,
  }
}

function mirror(
  p: EnvoyProxy,
  from: PodEndpointInfo,
  req: HttpRequest,
  route: Route,
  next: Sender
): void {
  const up = p.upstream(route.mirrorCluster!)
  if (!up) return
  const shadow = {
    ...req,
    authority: `${req.authority}-shadow`,
    headers: { ...req.headers, host: `${req.authority}-shadow` },
  }
  // Fire and forget: the primary response never waits for the mirror.
  void routeRequest({
    route: { ...route, retryPolicy: undefined, timeoutMs: 0 } as Route,
    upstream: up,
    req: shadow,
    sourceIp: from.ip,
    clock: p.deps.clock,
    random: p.deps.random,
    send: (t, r) => next(t, r),
  }).catch(() => undefined)
}

/**
 * The outbound path of a sidecar (the app's request leaving the pod): listener for the original
 * destination, virtual host by authority, first matching route, fault filter, weighted cluster,
 * router (balancer, pool, outlier detection, retries, timeouts), mirror. A connection to an
 * address:port no listener serves hits the BlackHoleCluster (reset), as in Istio 1.0.
 */
export async function handleOutbound(
  p: EnvoyProxy,
  from: PodEndpointInfo,
  dest: { host: string; ip: string; port: number },
  reqIn: HttpRequest,
  next: Sender
): Promise<HttpResponse> {
  const d = p.deps
  const startMs = d.now()
  const listener = p.config.listenerFor(dest.ip, dest.port)
  if (!listener) {
    // A gateway binds only the ports its Gateways name; a sidecar's virtual listener black-holes.
    if (p.node.type === 'router')
      throw new NetError(NetErrorCodes.refused, `connect ECONNREFUSED ${dest.ip}:${dest.port}`)
    throw new NetError(NetErrorCodes.reset, 'connection reset by peer')
  }
  const req: HttpRequest = { ...reqIn, headers: copyHeaders(reqIn.headers) }
  if (listener.protocol === 'TCP')
    return tcpProxy(p, from, listener.cluster ?? '', req, next, startMs)
  const f = d.features?.()
  const trace: TraceContext | undefined =
    f && !f.tracing ? requestIdOnly(req.headers, p.ids) : startSpan(req.headers, 'outbound', p.ids)
  const rc = p.config.routes.get(listener.routeConfigName ?? '')
  const vh = rc && selectVirtualHost(rc, req.authority)
  const route = vh && selectRoute(vh, req)
  let o: Outcome
  if (!route) {
    const r = localReply('noRoute')
    o = { res: r.response, flag: r.flag, cluster: '', mtls: false }
  } else {
    o = await viaRoute(p, from, req, route, next)
  }
  finish(p, from, req, o, trace, startMs)
  return o.res
}

async function tcpProxy(
  p: EnvoyProxy,
  from: PodEndpointInfo,
  cluster: string,
  req: HttpRequest,
  next: Sender,
  startMs: number
): Promise<HttpResponse> {
  // tcp_proxy: no HTTP filters; the original destination (kube-proxy's pick) carries the bytes.
  const res = await next(undefined, req)
  finish(p, from, req, { res, flag: '-', cluster, mtls: false }, undefined, startMs, 'tcp')
  return res
}

function finish(
  p: EnvoyProxy,
  from: PodEndpointInfo,
  req: HttpRequest,
  o: Outcome,
  trace: TraceContext | undefined,
  startMs: number,
  protocol: 'http' | 'tcp' = 'http'
): void {
  const d = p.deps
  const peer = o.upstreamIp ? d.podAt(o.upstreamIp) : undefined
  const x: Exchange = {
    reporter: 'source',
    startMs,
    endMs: d.now(),
    req,
    res: o.res,
    flag: o.flag,
    source: workloadAttrs(from.pod),
    destination: peer
      ? workloadAttrs(peer.pod, o.mtls ? principalOf(peer.pod) : undefined)
      : unknownWorkload(),
    service: serviceOfCluster(o.cluster),
    protocol,
    mtls: o.mtls,
    upstreamCluster: o.cluster || '-',
    upstreamHost: o.upstreamHost,
    operation: o.route?.decorator ?? `egress ${req.authority}`,
    trace,
    nodeId: p.node.id,
  }
  d.handled?.(req.body.length, o.res.body.length)
  const mixer = mixerReports(p)
  if (mixer || trace) d.bus.emit(toReport(x, mixer))
  d.log(accessLogOf(x))
}

function principalOf(pod: KubeObject): string {
  const sa = (pod as unknown as { spec?: { serviceAccountName?: string } }).spec?.serviceAccountName
  return `cluster.local/ns/${pod.metadata.namespace}/sa/${sa ?? 'default'}`
}
