import { expect } from 'chai'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse, stringify } from 'yaml'
import type { KubeObject } from '../../api/types.js'
import { toMicroService, type MicroService } from './micro-service.js'
import { registrationsOf } from './registrations.js'
import { matchGatewayRoute } from './route-match.js'
import { buildRouteTable, matchesRouteLabels, type MsbRoute } from './route-table.js'

const dir = fileURLToPath(new URL('./testdata/', import.meta.url))

interface Input {
  routeLabels: string
  services: KubeObject[]
  requests: string[]
}

// Annotations → kube2msb's registrations → msb-discovery's model (one service per name and
// version, nodes merged) → the gateway's route table, and where each request goes.
function routeTableOf(input: Input): unknown {
  const logs: string[] = []
  const byKey = new Map<string, MicroService>()
  for (const svc of input.services) {
    for (const r of registrationsOf('service', { apiVersion: 'v1', kind: 'Service', ...svc }, (l) =>
      logs.push(l)
    )) {
      const m = toMicroService(r.body)
      if (typeof m === 'string') throw new Error(m)
      const key = `${m.serviceName}:${m.version}`
      const old = byKey.get(key)
      if (old) old.nodes.push(...m.nodes)
      else byKey.set(key, m)
    }
  }
  const table = buildRouteTable([...byKey.values()], input.routeLabels, {
    ip: 'msb-discovery.onap',
    port: '10081',
  })
  const show = (r: MsbRoute) => ({
    publishUrl: r.publishUrl,
    url: r.url,
    backend:
      r.backend.kind === 'local'
        ? 'apiroute'
        : r.backend.nodes.map((n) => `${n.ip}:${n.port}`).join(' '),
    ...(r.enableSsl ? { enable_ssl: true } : {}),
    ...(r.lbPolicy !== 'round-robin' ? { lb_policy: r.lbPolicy } : {}),
  })
  return {
    kube2msbLog: logs,
    api: Object.fromEntries([...table.api].map(([k, r]) => [k, show(r)])),
    iui: Object.fromEntries([...table.iui].map(([k, r]) => [k, show(r)])),
    custom: table.custom.map(show),
    requests: Object.fromEntries(
      input.requests.map((p) => {
        const m = matchGatewayRoute(table, p.split('?')[0] ?? '')
        return [
          p,
          m
            ? `${m.route.type}:${m.route.serviceName} -> ${m.upstreamPath}`
            : '502 No route found for this request!',
        ]
      })
    ),
  }
}

describe('buildRouteTable()', () => {
  it('builds the gateway routes from service-info annotations (golden)', () => {
    const input = parse(readFileSync(`${dir}route-table.input.yaml`, 'utf8')) as Input
    const got = stringify(routeTableOf(input))
    const golden = `${dir}route-table.output.yaml`
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, got)
    expect(got).to.equal(readFileSync(golden, 'utf8'))
  })

  it('keeps a service out of a gateway whose ROUTE_LABELS it does not match', () => {
    const svc = toMicroService({
      serviceName: 'x',
      protocol: 'REST',
      visualRange: '0|1',
      nodes: [],
    }) as MicroService
    expect(matchesRouteLabels(svc, 'visualRange:1')).to.equal(true)
    expect(matchesRouteLabels(svc, 'visualRange:0')).to.equal(true)
    expect(matchesRouteLabels({ ...svc, visualRange: '0' }, 'visualRange:1')).to.equal(false)
    expect(matchesRouteLabels(svc, 'visualRange:1;namespace:onap')).to.equal(false)
  })
})
