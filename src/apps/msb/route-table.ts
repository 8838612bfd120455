import type { MicroService, MsbNode } from './micro-service.js'

/** Where a route sends requests: the registered nodes, or the gateway's own apiroute app. */
export type RouteBackend = { kind: 'nodes'; nodes: MsbNode[] } | { kind: 'local' }

/** One route of the gateway (apiroute's ApiRouteInfo / IuiRouteInfo / CustomRouteInfo). */
export interface MsbRoute {
  type: 'api' | 'iui' | 'custom'
  serviceName: string
  version: string
  /** The path clients use (`/api/multicloud/v0`, `/iui/usecaseui`, `/aai/v11/…`). */
  publishUrl: string
  /** The backend path the rest of the request is appended to. */
  url: string
  protocol: string
  enableSsl: boolean
  lbPolicy: string
  visualRange: string
  status: string
  backend: RouteBackend
}

/** The gateway's route table: api and iui routes by key, custom routes longest path first. */
export interface RouteTable {
  api: Map<string, MsbRoute>
  iui: Map<string, MsbRoute>
  custom: MsbRoute[]
}

/** The gateway's own routes (conf/msbinit.lua + ext/initServices/msb.json, reference §6.4). */
export function initRoutes(discovery: MsbNode): MsbRoute[] {
  const base = {
    protocol: 'REST',
    enableSsl: false,
    lbPolicy: 'round-robin',
    visualRange: '0|1',
    status: '1',
  }
  const local: RouteBackend = { kind: 'local' }
  return [
    {
      ...base,
      type: 'api',
      serviceName: 'microservices',
      version: 'v1',
      publishUrl: '/api/microservices/v1',
      url: '/api/microservices/v1',
      backend: local,
    },
    {
      ...base,
      type: 'iui',
      serviceName: 'microservices',
      version: '',
      publishUrl: '/iui/microservices',
      url: '/iui/microservices',
      protocol: 'UI',
      backend: local,
    },
    {
      ...base,
      type: 'api',
      serviceName: 'msdiscover',
      version: 'v1',
      publishUrl: '/api/msdiscover/v1',
      url: '/api/microservices/v1',
      backend: { kind: 'nodes', nodes: [discovery] },
    },
    {
      ...base,
      type: 'iui',
      serviceName: 'msdiscover',
      version: '',
      publishUrl: '/iui/msdiscover',
      url: '/iui/microservices',
      protocol: 'UI',
      backend: { kind: 'nodes', nodes: [discovery] },
    },
  ]
}

/**
 * Returns whether a microservice passes the gateway's ROUTE_LABELS (`visualRange:1`,
 * `;`-separated `key:value` pairs): visualRange is a `|` list the wanted value must be in;
 * `namespace` must equal the service's namespace; other keys must be among its labels.
 */
export function matchesRouteLabels(svc: MicroService, routeLabels: string): boolean {
  for (const pair of routeLabels
    .split(/[;,]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [k = '', v = ''] = pair.split(':').map((x) => x.trim())
    if (k === 'visualRange') {
      if (!svc.visualRange.split('|').includes(v)) return false
    } else if (k === 'namespace') {
      if (svc.namespace !== v) return false
    } else if (!svc.labels.includes(`${k}:${v}`)) return false
  }
  return true
}

/**
 * Returns the route table for the microservices discovery lists, as apiroute builds it: REST
 * services become api routes `/api/<name>[/<version>]`, UI services iui routes `/iui/<name>`,
 * HTTP services custom routes at `/<name>`; a service with a `path` other than "/" also gets a
 * custom route at that path. Services outside ROUTE_LABELS are left out.
 */
export function buildRouteTable(
  services: readonly MicroService[],
  routeLabels: string,
  discovery: MsbNode
): RouteTable {
  const table: RouteTable = { api: new Map(), iui: new Map(), custom: [] }
  const add = (r: MsbRoute) => {
    if (r.type === 'api') table.api.set(apiKey(r.serviceName, r.version), r)
    else if (r.type === 'iui') table.iui.set(r.serviceName, r)
    else table.custom.push(r)
  }
  for (const r of initRoutes(discovery)) add(r)
  for (const s of services) {
    if (!matchesRouteLabels(s, routeLabels)) continue
    const base = {
      serviceName: s.serviceName,
      version: s.version,
      url: s.url,
      protocol: s.protocol,
      enableSsl: s.enable_ssl,
      lbPolicy: s.lb_policy,
      visualRange: s.visualRange,
      status: s.status,
      backend: { kind: 'nodes', nodes: s.nodes } as RouteBackend,
    }
    const v = s.version ? `/${s.version}` : ''
    if (s.protocol === 'REST')
      add({ ...base, type: 'api', publishUrl: `/api/${s.serviceName}${v}` })
    else if (s.protocol === 'UI') add({ ...base, type: 'iui', publishUrl: `/iui/${s.serviceName}` })
    else if (s.protocol === 'HTTP')
      add({ ...base, type: 'custom', publishUrl: `/${s.serviceName}` })
    if (s.path && s.path !== '/') add({ ...base, type: 'custom', publishUrl: s.path })
  }
  table.custom.sort((a, b) => b.publishUrl.length - a.publishUrl.length)
  return table
}

/** Returns the key of an api route (`multicloud:v0`, `name:` without version). */
export function apiKey(name: string, version: string): string {
  return `${name}:${version}`
}
