import {
  NetError,
  NetErrorCodes,
  type HttpRequest,
  type HttpResponse,
  type Target,
} from '../../network/index.js'
import type { Clock } from '../../util/index.js'
import type { LbEndpoint, Route } from '../pilot/index.js'
import { hostKey } from './load-balancer.js'
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
  const host = up.lb.pick(up.cluster, up.healthyHosts(), {
    headers: i.req.headers,
    sourceIp: i.sourceIp,
    active: (k) => up.active(k),
    random: i.random,
  })
  if (!host) return { kind: 'local', reply: localReply('noHealthyUpstream'), retriable: false }
  const slot = up.pool.acquire()
  if (slot === 'overflow') return { kind: 'local', reply: localReply('overflow'), retriable: false }
  const t = perTryMs > 0 ? timer(i.clock, perTryMs) : undefined
  const key = hostKey(host)
  const leased = await (t ? Promise.race([slot.lease, t.p]) : slot.lease)
  if (leased === 'timeout') {
    slot.cancel()
    return { kind: 'local', reply: localReply('timeout'), host, retriable: true }
  }
  const start = i.clock.now().getTime()
  up.track(key, 1)
  const call = i.send({ ip: host.ip, port: host.port }, i.req).then(
    (res): Attempt => ({ kind: 'response', res, host, ms: i.clock.now().getTime() - start }),
    (err: unknown): Attempt => {
      const refused = err instanceof NetError && err.code === NetErrorCodes.refused
      return {
        kind: 'local',
        reply: localReply(refused ? 'connectFailure' : 'remoteReset'),
        host,
        retriable: true,
      }
    }
  )
  const done = () => {
    up.track(key, -1)
    leased.release()
  }
  const r = await (t ? Promise.race([call, t.p]) : call)
  t?.cancel()
  if (r === 'timeout') {
    // Envoy resets the upstream stream on a per-try timeout; the connection is freed now.
    done()
    up.recordStatus(key, 504)
    return { kind: 'local', reply: localReply('timeout'), host, retriable: true }
  }
  done()
  up.recordStatus(key, r.kind === 'response' ? r.res.status : 503)
  return r
}

/**
 * The router filter: picks a host, takes a connection from the pool, sends, and retries as the
 * route's retry policy says (`5xx,connect-failure,refused-stream`, never a 503 marked
 * `x-envoy-overloaded`, within the cluster's retry budget, jittered back-off), all within the
 * route timeout (504 `upstream request timeout`, UT). No retry policy: one attempt.
 */
export async function routeRequest(i: RouterInput): Promise<RouterResult> {
  const rp = i.route.retryPolicy
  const maxAttempts = 1 + (rp?.numRetries ?? 0)
  const global = i.route.timeoutMs > 0 ? timer(i.clock, i.route.timeoutMs) : undefined
  let attempts = 0
  const loop = async (): Promise<RouterResult> => {
    for (;;) {
      attempts++
      const a = await attempt(i, rp?.perTryTimeoutMs ?? 0)
      const more = attempts < maxAttempts && isRetriable(a)
      if (more && i.upstream.pool.tryRetry()) {
        const backoff = i.random() * (2 ** attempts - 1) * RETRY_BASE_MS
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
          attempts,
        }
      return {
        response: a.reply.response,
        flag: flag ?? a.reply.flag,
        ...(a.host ? { upstreamHost: a.host } : {}),
        attempts,
      }
    }
  }
  if (!global) return loop()
  const r = await Promise.race([loop(), global.p])
  global.cancel()
  if (r === 'timeout') {
    const t = localReply('timeout')
    return { response: t.response, flag: t.flag, attempts }
  }
  return r
}
