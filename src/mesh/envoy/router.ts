import {
  NetError,
  NetErrorCodes,
  type HttpRequest,
  type HttpResponse,
  type Target,
} from '../../network/index.js'
import type { Clock } from '../../util/index.js'
import type { LbEndpoint, Route } from '../pilot/index.js'
import { hostKey, type LbContext } from './load-balancer.js'
import { localReply, type LocalReply } from './local-replies.js'
import type { UpstreamCluster } from './upstream-cluster.js'

/** Envoy's retry back-off base interval (25 ms, jittered exponential). */
export const RETRY_BASE_MS = 25

/** What the router filter did with one request. */
export interface RouterResult {
  response: HttpResponse
  flag: string
  upstreamHost?: LbEndpoint
  /** Time from the last upstream request start to its response headers (ms). */
  upstreamMs?: number
  attempts: number
}

/** What the router needs for one request. */
export interface RouterInput {
  route: Route
  upstream: UpstreamCluster
  req: HttpRequest
  sourceIp: string
  clock: Clock
  random: () => number
  /** Sends one attempt to a host (the network delivers it to the pod's inbound). */
  send(target: Target, req: HttpRequest): Promise<HttpResponse>
}

type Attempt =
  | { kind: 'response'; res: HttpResponse; host: LbEndpoint; ms: number }
  | { kind: 'local'; reply: LocalReply; host?: LbEndpoint; retriable: boolean }

function isRetriable(a: Attempt): boolean {
  if (a.kind === 'local') return a.retriable
  return a.res.status >= 500 && a.res.headers['x-envoy-overloaded'] === undefined
}

function timer(clock: Clock, ms: number): { p: Promise<'timeout'>; cancel: () => void } {
  let cancel = () => {}
  const p = new Promise<'timeout'>((resolve) => {
    cancel = clock.after(ms, () => resolve('timeout'))
  })
  return { p, cancel }
}

async function attempt(i: RouterInput, perTryMs: number): Promise<Attempt> {
  const up = i.upstream
  const hosts = up.healthyHosts()
  // One host (or none): no balancer decision to make, as LoadBalancer.pick itself says.
  const host = hosts.length <= 1 ? hosts[0] : up.lb.pick(up.cluster, hosts, lbContext(i))
  if (!host) return { kind: 'local', reply: localReply('noHealthyUpstream'), retriable: false }
  const slot = up.pool.acquire()
  if (slot === 'overflow') return { kind: 'local', reply: localReply('overflow'), retriable: false }
  const key = hostKey(host)
  if (perTryMs <= 0) {
    const leased = slot.now ?? (await slot.lease)
    const start = i.clock.now().getTime()
    up.track(key, 1)
    const call = i.send({ ip: host.ip, port: host.port }, i.req)
    let r: Attempt
    try {
      const res = await call
      r = { kind: 'response', res, host, ms: i.clock.now().getTime() - start }
    } catch (err) {
      r = failedAttempt(err, host)
    }
    up.track(key, -1)
    leased.release()
    up.recordStatus(key, r.kind === 'response' ? r.res.status : 503)
    return r
  }
  const t = timer(i.clock, perTryMs)
  const leased = await Promise.race([slot.lease, t.p])
  if (leased === 'timeout') {
    slot.cancel()
    return { kind: 'local', reply: localReply('timeout'), host, retriable: true }
  }
  const start = i.clock.now().getTime()
  up.track(key, 1)
  const call = i.send({ ip: host.ip, port: host.port }, i.req).then(
    (res): Attempt => ({ kind: 'response', res, host, ms: i.clock.now().getTime() - start }),
    (err: unknown): Attempt => failedAttempt(err, host)
  )
  const r = await Promise.race([call, t.p])
  t.cancel()
  up.track(key, -1)
  leased.release()
  if (r === 'timeout') {
    // Envoy resets the upstream stream on a per-try timeout; the connection is freed now.
    up.recordStatus(key, 504)
    return { kind: 'local', reply: localReply('timeout'), host, retriable: true }
  }
  up.recordStatus(key, r.kind === 'response' ? r.res.status : 503)
  return r
}

function lbContext(i: RouterInput): LbContext {
  const up = i.upstream
  return {
    headers: i.req.headers,
    sourceIp: i.sourceIp,
    active: (k) => up.active(k),
    random: i.random,
  }
}

function failedAttempt(err: unknown, host: LbEndpoint): Attempt {
  const refused = err instanceof NetError && err.code === NetErrorCodes.refused
  return {
    kind: 'local',
    reply: localReply(refused ? 'connectFailure' : 'remoteReset'),
    host,
    retriable: true,
  }
}

/**
 * The router filter: picks a host, takes a connection from the pool, sends, and retries as the
 * route's retry policy says (`5xx,connect-failure,refused-stream`, never a 503 marked
 * `x-envoy-overloaded`, within the cluster's retry budget, jittered back-off), all within the
 * route timeout (504 `upstream request timeout`, UT). No retry policy: one attempt.
 */
export function routeRequest(i: RouterInput): Promise<RouterResult> {
  const state = { attempts: 0 }
  // No route timeout: the attempts' own promise, without another async frame around it.
  if (!(i.route.timeoutMs > 0)) return attempts(i, state)
  return withRouteTimeout(i, state)
}

async function withRouteTimeout(
  i: RouterInput,
  state: { attempts: number }
): Promise<RouterResult> {
  const global = timer(i.clock, i.route.timeoutMs)
  const r = await Promise.race([attempts(i, state), global.p])
  global.cancel()
  if (r === 'timeout') {
    const t = localReply('timeout')
    return { response: t.response, flag: t.flag, attempts: state.attempts }
  }
  return r
}

async function attempts(i: RouterInput, state: { attempts: number }): Promise<RouterResult> {
  const rp = i.route.retryPolicy
  const maxAttempts = 1 + (rp?.numRetries ?? 0)
  for (;;) {
    state.attempts++
    const a = await attempt(i, rp?.perTryTimeoutMs ?? 0)
    const more = state.attempts < maxAttempts && isRetriable(a)
    if (more && i.upstream.pool.tryRetry()) {
      const backoff = i.random() * (2 ** state.attempts - 1) * RETRY_BASE_MS
      await i.clock.sleep(backoff)
      i.upstream.pool.retryDone()
      continue
    }
    const flag = more ? 'UO' : undefined
    if (a.kind === 'response')
      return {
        response: a.res,
        flag: flag ?? '-',
        upstreamHost: a.host,
        upstreamMs: a.ms,
        attempts: state.attempts,
      }
    return {
      response: a.reply.response,
      flag: flag ?? a.reply.flag,
      ...(a.host ? { upstreamHost: a.host } : {}),
      attempts: state.attempts,
    }
  }
}
