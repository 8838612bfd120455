import type { HttpRequest, HttpResponse } from '../../network/index.js'
import type { AppFactory } from '../types.js'
import { ConsulClient } from './consul-client.js'
import { json, jsonBody, target, text } from './http-reply.js'
import { toMicroService, type MicroService } from './micro-service.js'

const API = '/api/microservices/v1'

/**
 * Creates msb-discovery (its openresty on 10081 in front of the Java sdclient): the
 * `/api/microservices/v1/services` REST API (list, register, get, update, delete, nodes), its
 * `/api/msdiscover/v1` alias, Consul pass-throughs and `/msb`, backed by Consul at `CONSUL_IP`.
 */
export const discoveryApp: AppFactory = (ctx) => {
  const consulHost = ctx.env.CONSUL_IP ?? 'msb-consul'
  const consulBase = `http://${consulHost}:8500`
  const consul = new ConsulClient(ctx.fetch, consulBase)
  const handle = async (req: HttpRequest): Promise<HttpResponse> => {
    const t = target(req)
    let path = t.pathname
    if (path.startsWith('/api/msdiscover/v1')) path = API + path.slice('/api/msdiscover/v1'.length)
    if (path === '/msb')
      return text(302, '', 'text/html', { location: '/iui/microservices/index.html' })
    if (path.startsWith('/api/catalog/v1/'))
      return passThrough(`/v1/catalog/${path.slice(16)}`, req, t.search)
    if (path.startsWith('/api/health/v1/'))
      return passThrough(`/v1/health/${path.slice(15)}`, req, t.search)
    if (path === '/api/health_check/v1') return passThrough('/v1/status/leader', req, '')
    if (path === '/iui/microservices' || path.startsWith('/iui/microservices/'))
      return text(
        200,
        '<!DOCTYPE html><html><head><title>MSB Discovery</title></head><body><h1>Service Discovery</h1></body></html>',
        'text/html'
      )
    if (!path.startsWith(`${API}/services`)) return badGateway()
    try {
      return await services(req, path.slice(API.length + '/services'.length), t.query)
    } catch (err) {
      ctx.log(
        `ERROR consul unreachable at ${consulBase}: ${err instanceof Error ? err.message : String(err)}`
      )
      return json(500, { message: `consul is not available: ${consulBase}` })
    }
  }

  const passThrough = async (path: string, req: HttpRequest, search: string) => {
    try {
      return await ctx.fetch(`${consulBase}${path}${search}`, {
        method: req.method,
        body: req.body,
      })
    } catch {
      // nginx's answer when its upstream does not answer.
      return badGateway()
    }
  }

  const services = async (req: HttpRequest, rest: string, query: URLSearchParams) => {
    const m = req.method
    if (rest === '' || rest === '/') {
      if (m === 'GET') return json(200, await consul.list())
      if (m === 'POST') return register(req, query.get('createOrUpdate') !== 'false')
      return text(405, 'HTTP 405 Method Not Allowed')
    }
    if (rest === '/health' && m === 'GET') return json(200, { status: 'healthy' })
    const one = /^\/([^/]+)\/version\/([^/]+)(\/nodes(?:\/([^/]+)\/([^/]+))?)?$/.exec(rest)
    if (!one?.[1] || !one[2]) return text(404, 'HTTP 404 Not Found')
    const name = decodeURIComponent(one[1])
    const version = one[2] === 'null' ? '' : decodeURIComponent(one[2])
    const ns = query.get('namespace') ?? ''
    const svc = await consul.find(name, version, ns)
    const notFound = () =>
      json(404, {
        message: `microservice not found: serviceName-${name},version-${one[2]},namespace-${ns}`,
      })
    if (!svc) return notFound()
    if (one[4] !== undefined && one[5] !== undefined) {
      if (m !== 'DELETE') return text(405, 'HTTP 405 Method Not Allowed')
      const nodes = svc.nodes.filter((n) => n.ip === one[4] && n.port === one[5])
      if (nodes.length === 0) return notFound()
      await consul.deregister(svc, nodes)
      ctx.log(`INFO delete microservice node: ${name}/${one[2]} ${one[4]}:${one[5]}`)
      return text(204, '')
    }
    if (one[3]) return m === 'GET' ? json(200, svc.nodes) : text(405, 'HTTP 405 Method Not Allowed')
    if (m === 'GET') return json(200, svc)
    if (m === 'DELETE') {
      await consul.deregister(svc, svc.nodes)
      ctx.log(`INFO delete microservice: ${name}/${one[2]}`)
      return text(204, '')
    }
    if (m === 'PUT') return register(req, false, svc)
    return text(405, 'HTTP 405 Method Not Allowed')
  }

  const register = async (req: HttpRequest, merge: boolean, old?: MicroService) => {
    const svc = toMicroService(jsonBody(req))
    if (typeof svc === 'string') return json(400, { message: svc })
    const existing = old ?? (await consul.find(svc.serviceName, svc.version, svc.namespace))
    if (existing && !merge) {
      const gone = existing.nodes.filter(
        (n) => !svc.nodes.some((x) => x.ip === n.ip && x.port === n.port)
      )
      await consul.deregister(existing, gone)
    }
    await consul.register(svc)
    ctx.log(
      `INFO register microservice: ${svc.serviceName}/${svc.version || 'null'} nodes ${svc.nodes.map((n) => `${n.ip}:${n.port}`).join(',')}`
    )
    const now = await consul.find(svc.serviceName, svc.version, svc.namespace)
    return json(old ? 200 : 201, now ?? svc)
  }

  return { handle }
}

function badGateway(): HttpResponse {
  return text(
    502,
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body bgcolor="white">\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n',
    'text/html'
  )
}
