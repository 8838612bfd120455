/**
 * The prometheus image's app on 9090: while the pod runs, the lab runs Debian's real Prometheus
 * (when installed) and forwards every request to it; without it, the query API is answered from
 * the lab's store and everything else says how to install Prometheus.
 */
import type { HttpResponse } from '../../network/index.js'
import { parseTarget, reply, textError } from '../http-reply.js'
import { localQueryApi } from '../promql/query-api.js'
import { installHint } from '../prometheus/prometheus-process.js'
import type { TelemetryStore } from '../telemetry/telemetry-store.js'
import type { AddonAppFactory } from './addon-app.js'

/** The real Prometheus's lifecycle as the app drives it. */
export interface PrometheusHost {
  /** Starts it (once) for a running prometheus pod; resolves to its URL or undefined (not installed / failed). */
  acquire(): Promise<string | undefined>
  /** The pod stopped: stops it when no instance remains. */
  release(): void
  /** The URL while it runs. */
  url(): string | undefined
}

const hopByHop = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
])

/** Returns the prometheus app factory. */
export function prometheusApp(host: PrometheusHost, store: TelemetryStore): AddonAppFactory {
  return (ctx) => {
    host.acquire().then(
      (url) =>
        ctx.log(
          url ? `prometheus: the lab's Prometheus runs at ${url}` : `prometheus: ${installHint}`
        ),
      (err: unknown) => ctx.log(`prometheus: ${(err as Error).message}`)
    )
    return {
      handle: async (req): Promise<HttpResponse> => {
        const url = host.url()
        const { pathname, query } = parseTarget(req)
        if (!url) {
          // The pod's probes keep passing: the pod runs, only the TSDB behind it is missing.
          if (pathname === '/-/healthy' || pathname === '/-/ready')
            return reply(200, 'onap-mesh-lab: no Prometheus binary, probes pass\n', 'text/plain')
          if (pathname === '/api/v1/query' || pathname === '/api/v1/query_range')
            return localQueryApi(store, pathname, query, Date.now())
          return textError(503, installHint)
        }
        const res = await fetch(new URL(req.path, url), {
          method: req.method,
          headers: Object.fromEntries(
            Object.entries(req.headers).filter(([k]) => k !== 'host' && !hopByHop.has(k))
          ),
          ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: req.body }),
          redirect: 'manual',
          signal: AbortSignal.timeout(30_000),
        })
        const headers: Record<string, string> = {}
        res.headers.forEach((v, k) => {
          if (!hopByHop.has(k)) headers[k] = v
        })
        return reply(
          res.status,
          Buffer.from(await res.arrayBuffer()),
          headers['content-type'] ?? 'text/plain',
          headers
        )
      },
      stop: () => host.release(),
    }
  }
}
