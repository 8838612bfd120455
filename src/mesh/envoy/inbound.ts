import {
  NetError,
  NetErrorCodes,
  type HttpRequest,
  type HttpResponse,
  type Origin,
} from '../../network/index.js'
import { PEER_HEADER, type EnvoyProxy } from './envoy-proxy.js'
import { localReply } from './local-replies.js'
import {
  accessLogOf,
  mixerReports,
  serviceOfCluster,
  toReport,
  type Exchange,
} from './reporting.js'
import { proxiedResponse } from './response-headers.js'
import { selectRoute, selectVirtualHost } from './route-match.js'
import { requestIdOnly, startSpan } from './tracing.js'
import { unknownWorkload, workloadAttrs } from './workload.js'

/**
 * The inbound path of a sidecar (a request arriving at the pod): the listener for the pod's port
 * and its TLS requirement (STRICT refuses plaintext with a reset; a plaintext listener resets an
 * mTLS client), Mixer's check (quota, deny), the server span, then the app. A port no service
 * exposes has no inbound listener: the request reaches the app untouched.
 */
export async function handleInbound(
  p: EnvoyProxy,
  podIp: string,
  port: number,
  from: Origin,
  reqIn: HttpRequest,
  next: (req: HttpRequest) => Promise<HttpResponse>
): Promise<HttpResponse> {
  const d = p.deps
  const listener = p.config.listenerFor(podIp, port)
  const peer = reqIn.headers[PEER_HEADER]
  // The peer identity header ends here (a loop copy: a spread copy is slow to add headers to).
  const headers: Record<string, string> = {}
  for (const k in reqIn.headers) if (k !== PEER_HEADER) headers[k] = reqIn.headers[k]!
  const req: HttpRequest = { ...reqIn, headers }
  if (!listener || listener.direction !== 'inbound') return next(req)
  const mtls = peer !== undefined
  if (listener.tls?.mode === 'STRICT' && !mtls)
    throw new NetError(NetErrorCodes.reset, 'connection reset by peer')
  if (!listener.tls && mtls) throw new NetError(NetErrorCodes.reset, 'connection reset by peer')
  if (listener.protocol === 'TCP') return next(req)
  const startMs = d.now()
  const f = d.features?.()
  const trace =
    f && !f.tracing ? requestIdOnly(req.headers, p.ids) : startSpan(req.headers, 'inbound', p.ids)
  const rc = p.config.routes.get(listener.routeConfigName ?? '')
  const route = rc && selectVirtualHost(rc, req.authority) && selectRoute(rc.virtualHosts[0]!, req)
  const cluster = route?.cluster ?? ''
  const service = serviceOfCluster(cluster)
  const self = d.podAt(podIp)?.pod
  const sourcePod = from.kind === 'pod' ? from.pod.pod : undefined
  const sourceIp = from.kind === 'pod' ? from.pod.ip : from.ip
  let res: HttpResponse
  let flag = '-'
  const denial = d.check({
    req,
    source: sourcePod,
    sourceIp,
    destination: self,
    destinationService: service,
    principal: peer,
  })
  if (denial) {
    res = denial.response
    flag = denial.flag
  } else {
    const t0 = d.clock.now().getTime()
    try {
      res = proxiedResponse(await next(req), d.clock.now().getTime() - t0)
    } catch (err) {
      if (!(err instanceof NetError)) throw err
      const r = localReply(err.code === NetErrorCodes.refused ? 'connectFailure' : 'remoteReset')
      res = r.response
      flag = r.flag
    }
  }
  const x: Exchange = {
    reporter: 'destination',
    startMs,
    endMs: d.now(),
    req,
    res,
    flag,
    source: sourcePod ? workloadAttrs(sourcePod, peer) : unknownWorkload(sourceIp),
    destination: workloadAttrs(self, mtls ? p.principal : undefined),
    service,
    protocol: 'http',
    mtls,
    upstreamCluster: cluster || '-',
    upstreamHost: `127.0.0.1:${port}`,
    operation: route?.decorator ?? 'ingress',
    trace,
    nodeId: p.node.id,
  }
  d.handled?.(req.body.length, res.body.length)
  const mixer = mixerReports(p)
  if (mixer || trace) d.bus.emit(toReport(x, mixer))
  d.log(accessLogOf(x))
  return res
}
