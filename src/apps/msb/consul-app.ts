import { isObject } from '../../api/types.js'
import type { HttpRequest, HttpResponse } from '../../network/index.js'
import type { AppFactory } from '../types.js'
import type { CatalogEntry } from './consul-tags.js'
import { json, jsonBody, target, text } from './http-reply.js'

/**
 * Creates Consul 0.9's HTTP API (the part msb-discovery and a user's curl use) on one agent in
 * dev mode: the catalog kept in this container instance's memory (a restart empties it),
 * register/deregister, services, service/<name>, health/service/<name>, status/leader, agent/self.
 */
export const consulApp: AppFactory = (ctx) => {
  const catalog = new Map<string, CatalogEntry>()
  let index = 1
  const nodeName = ctx.pod.name
  const version = typeof ctx.config.version === 'string' ? ctx.config.version : '0.9.3'
  const headers = () => ({
    'x-consul-index': String(index),
    'x-consul-knownleader': 'true',
    'x-consul-lastcontact': '0',
  })
  const ok = (body: unknown) => json(200, body, headers())

  const register = (req: HttpRequest): HttpResponse => {
    const b = jsonBody(req)
    if (!isObject(b) || typeof b.Node !== 'string' || typeof b.Address !== 'string')
      return text(400, 'Must provide node and address')
    const s = b.Service
    if (isObject(s)) {
      const name = typeof s.Service === 'string' ? s.Service : ''
      if (!name) return text(400, 'Must provide service name with ID')
      const id = typeof s.ID === 'string' && s.ID ? s.ID : name
      const tags = Array.isArray(s.Tags)
        ? s.Tags.filter((t): t is string => typeof t === 'string')
        : []
      catalog.set(id, {
        Node: b.Node,
        Address: b.Address,
        ServiceID: id,
        ServiceName: name,
        ServiceTags: tags,
        ServiceAddress: typeof s.Address === 'string' ? s.Address : '',
        ServicePort: typeof s.Port === 'number' ? s.Port : 0,
      })
      index++
    }
    return ok(true)
  }

  const deregister = (req: HttpRequest): HttpResponse => {
    const b = jsonBody(req)
    if (!isObject(b) || typeof b.Node !== 'string') return text(400, 'Must provide node')
    const before = catalog.size
    for (const [id, e] of catalog)
      if (e.Node === b.Node && (b.ServiceID === undefined || b.ServiceID === id)) catalog.delete(id)
    if (catalog.size !== before) index++
    return ok(true)
  }

  const entriesOf = (name: string) => [...catalog.values()].filter((e) => e.ServiceName === name)
  const self = () => ({
    ServiceID: 'consul',
    ServiceName: 'consul',
    ServiceTags: [],
    ServiceAddress: '',
    ServicePort: 8300,
    Node: nodeName,
    Address: ctx.pod.ip,
  })

  return {
    handle: (req) => {
      const { pathname } = target(req)
      const m = req.method
      if (pathname === '/v1/catalog/register' && m === 'PUT') return Promise.resolve(register(req))
      if (pathname === '/v1/catalog/deregister' && m === 'PUT')
        return Promise.resolve(deregister(req))
      if (m !== 'GET') return Promise.resolve(text(405, 'Method Not Allowed'))
      if (pathname === '/v1/catalog/services') {
        const out: Record<string, string[]> = { consul: [] }
        for (const e of catalog.values())
          out[e.ServiceName] = [...new Set([...(out[e.ServiceName] ?? []), ...e.ServiceTags])]
        return Promise.resolve(ok(out))
      }
      const svc = /^\/v1\/catalog\/service\/([^/]+)$/.exec(pathname)
      if (svc?.[1]) {
        const name = decodeURIComponent(svc[1])
        const list = name === 'consul' ? [self()] : entriesOf(name)
        return Promise.resolve(
          ok(
            list.map((e) => ({
              ID: '',
              Datacenter: 'dc1',
              TaggedAddresses: null,
              NodeMeta: null,
              ...e,
              ServiceEnableTagOverride: false,
              CreateIndex: index,
              ModifyIndex: index,
            }))
          )
        )
      }
      const health = /^\/v1\/health\/service\/([^/]+)$/.exec(pathname)
      if (health?.[1]) {
        const list = entriesOf(decodeURIComponent(health[1]))
        return Promise.resolve(
          ok(
            list.map((e) => ({
              Node: { Node: e.Node, Address: e.Address, Datacenter: 'dc1' },
              Service: {
                ID: e.ServiceID,
                Service: e.ServiceName,
                Tags: e.ServiceTags,
                Address: e.ServiceAddress,
                Port: e.ServicePort,
              },
              Checks: [
                {
                  Node: e.Node,
                  CheckID: 'serfHealth',
                  Name: 'Serf Health Status',
                  Status: 'passing',
                  Output: 'Agent alive and reachable',
                },
              ],
            }))
          )
        )
      }
      if (pathname === '/v1/status/leader') return Promise.resolve(ok(`${ctx.pod.ip}:8300`))
      if (pathname === '/v1/status/peers') return Promise.resolve(ok([`${ctx.pod.ip}:8300`]))
      if (pathname === '/v1/agent/self')
        return Promise.resolve(
          ok({
            Config: {
              Datacenter: 'dc1',
              NodeName: nodeName,
              Server: true,
              Version: version,
              Revision: '',
            },
            Member: { Name: nodeName, Addr: ctx.pod.ip, Port: 8301, Status: 1 },
          })
        )
      return Promise.resolve(text(404, `Invalid URL path: not a recognized HTTP API endpoint`))
    },
  }
}
