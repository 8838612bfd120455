/**
 * A hermetic stand for the add-ons (tests and the bench): `startAddons` on a report bus, with a
 * small in-process network holding the Istio add-on pods, and each add-on port served on a host
 * socket (127.0.0.1, ephemeral port) so browsers and the real Prometheus can reach it.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { KubeClient } from '../../client/index.js'
import {
  NetError,
  type HttpRequest,
  type HttpResponse,
  type Origin,
  type PodEndpointInfo,
} from '../../network/index.js'
import type { AddonAppFactory, AddonAppInstance } from '../../addons/apps/addon-app.js'
import { addonHandlerNames } from '../../addons/apps/addon-app.js'
import type { RequestReport } from '../../addons/mesh-types.js'
import { startAddons, type StartedAddons } from '../../addons/start-addons.js'

interface HarnessPod {
  info: PodEndpointInfo
  handler: string
  ports: number[]
  service: string
}

const pod = (name: string, ip: string, labels: Record<string, string>): PodEndpointInfo => ({
  namespace: 'istio-system',
  name,
  ip,
  nodeName: 'worker',
  labels,
  serviceAccount: 'default',
  hasSidecar: false,
  pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'istio-system' } },
})

const pods: HarnessPod[] = [
  {
    info: pod('istio-telemetry-1', '10.9.0.2', { istio: 'mixer', 'istio-mixer-type': 'telemetry' }),
    handler: addonHandlerNames.mixer,
    ports: [42422, 9093],
    service: 'istio-telemetry',
  },
  {
    info: pod('istio-tracing-1', '10.9.0.3', { app: 'jaeger' }),
    handler: addonHandlerNames.jaeger,
    ports: [9411, 16686],
    service: 'zipkin',
  },
  {
    info: pod('servicegraph-1', '10.9.0.4', { app: 'servicegraph' }),
    handler: addonHandlerNames.servicegraph,
    ports: [8088],
    service: 'servicegraph',
  },
  {
    info: pod('grafana-1', '10.9.0.5', { app: 'grafana' }),
    handler: addonHandlerNames.grafana,
    ports: [3000],
    service: 'grafana',
  },
  {
    info: pod('prometheus-1', '10.9.0.6', { app: 'prometheus' }),
    handler: addonHandlerNames.prometheus,
    ports: [9090],
    service: 'prometheus',
  },
]

/** A running harness. */
export interface AddonHarness {
  addons: StartedAddons
  /** Emits a report as a sidecar would. */
  emit(r: RequestReport): void
  /** Host URL of an add-on port (`http://127.0.0.1:<p>`), e.g. `url(16686)`. */
  url(port: number): string
  stop(): Promise<void>
}

/** Starts the harness; `prometheus` true runs the real one (when installed). */
export async function startAddonHarness(
  o: {
    prometheus?: boolean
    spanFlushIntervalMs?: number
    tracing?: boolean
    telemetry?: boolean
  } = {}
): Promise<AddonHarness> {
  const sinks = new Set<(r: RequestReport) => void>()
  const factories = new Map<string, AddonAppFactory>()
  const instances = new Map<string, AddonAppInstance>()
  const serve = async (
    to: HarnessPod,
    port: number,
    from: Origin,
    req: HttpRequest
  ): Promise<HttpResponse> => {
    const inst = instances.get(to.info.name)
    if (!inst?.handle || !to.ports.includes(port))
      throw new NetError('ECONNREFUSED', `connect ECONNREFUSED ${to.info.ip}:${port}`)
    return inst.handle(req, {
      pod: to.info,
      container: 'main',
      port,
      from,
      fetch: () => Promise.reject(new Error('no outbound calls')),
      log: () => {},
    })
  }
  const network = {
    fetch: async (
      from: Origin,
      url: string,
      init: {
        method?: string
        headers?: Record<string, string>
        body?: Buffer | string
        json?: unknown
      } = {}
    ) => {
      const u = new URL(url)
      const host = u.hostname.split('.')[0] ?? ''
      const to = pods.find(
        (p) =>
          p.info.ip === u.hostname ||
          p.service === host ||
          (host === 'tracing' && p.service === 'zipkin')
      )
      if (!to) throw new NetError('ENOTFOUND', `getaddrinfo ENOTFOUND ${u.hostname}`)
      const port = Number(u.port || 80)
      // A JSON value goes as its bytes here (the collector's parsing path).
      const body =
        init.json !== undefined
          ? Buffer.from(JSON.stringify(init.json))
          : init.body === undefined
            ? Buffer.alloc(0)
            : Buffer.from(init.body)
      return serve(to, port, from, {
        method: init.method ?? 'GET',
        path: u.pathname + u.search,
        authority: u.host,
        headers: Object.fromEntries(
          Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])
        ),
        body,
      })
    },
    podOrigin: (_ns: string, _pod: string): Origin => ({ kind: 'host', ip: '127.0.0.1' }),
  }
  const endpoints = pods.flatMap((p) => ({
    metadata: { name: p.service, namespace: 'istio-system' },
    subsets: [
      {
        addresses: [{ ip: p.info.ip }],
        ports:
          p.service === 'istio-telemetry'
            ? [
                { name: 'prometheus', port: 42422 },
                { name: 'http-monitoring', port: 9093 },
              ]
            : [{ name: 'http', port: p.ports[0] }],
      },
    ],
  }))
  const kube = { list: async () => ({ items: endpoints }) } as unknown as KubeClient
  const addons = startAddons({
    bus: { subscribe: (s) => (sinks.add(s), () => sinks.delete(s)) },
    network,
    registerHandler: (name, f) => factories.set(name, f),
    kube,
    prometheus: { enabled: o.prometheus ?? false },
    ...(o.spanFlushIntervalMs !== undefined ? { spanFlushIntervalMs: o.spanFlushIntervalMs } : {}),
    ...(o.tracing !== undefined ? { tracing: o.tracing } : {}),
    ...(o.telemetry !== undefined ? { telemetry: o.telemetry } : {}),
  })
  for (const p of pods) {
    const f = factories.get(p.handler)
    if (!f) throw new Error(`failed to start the harness: no handler ${p.handler} registered`)
    instances.set(p.info.name, f({ pod: p.info, container: 'main', log: () => {} }))
  }
  const servers = new Map<number, Server>()
  for (const p of pods) {
    for (const port of p.ports) {
      const server = createServer((req, res) => {
        const chunks: Buffer[] = []
        req.on('data', (c: Buffer) => chunks.push(c))
        req.on('end', () => {
          const headers = Object.fromEntries(
            Object.entries(req.headers).map(([k, v]) => [
              k,
              Array.isArray(v) ? v.join(', ') : (v ?? ''),
            ])
          )
          serve(
            p,
            port,
            { kind: 'host', ip: '127.0.0.1' },
            {
              method: req.method ?? 'GET',
              path: req.url ?? '/',
              authority: req.headers.host ?? '',
              headers,
              body: Buffer.concat(chunks),
            }
          )
            .then((r) => res.writeHead(r.status, r.headers).end(r.body))
            .catch((err: unknown) => res.writeHead(502).end(String(err)))
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
      servers.set(port, server)
    }
  }
  return {
    addons,
    emit: (r) => {
      for (const s of sinks) s(r)
    },
    url: (port) =>
      `http://127.0.0.1:${(servers.get(port)?.address() as AddressInfo | null)?.port ?? 0}`,
    stop: async () => {
      for (const inst of instances.values()) inst.stop?.()
      await addons.stop()
      for (const s of servers.values()) {
        s.closeAllConnections()
        await new Promise<void>((resolve) => s.close(() => resolve()))
      }
    },
  }
}
