import type { FetchInit, HttpResponse } from '../../network/index.js'
import {
  consulName,
  fromCatalogEntries,
  toCatalogRegistration,
  type CatalogEntry,
} from './consul-tags.js'
import { parseJson } from './http-reply.js'
import type { MicroService, MsbNode } from './micro-service.js'

type Fetch = (url: string, init?: FetchInit) => Promise<HttpResponse>

/** msb-discovery's store: microservices kept in Consul's catalog over its HTTP API. */
export class ConsulClient {
  private readonly fetch: Fetch
  private readonly base: string

  constructor(fetch: Fetch, base: string) {
    this.fetch = fetch
    this.base = base
  }

  /** Returns every microservice in the catalog (all versions). */
  async list(): Promise<MicroService[]> {
    const names = await this.get('/v1/catalog/services')
    if (names === null || typeof names !== 'object') return []
    const out: MicroService[] = []
    for (const name of Object.keys(names).sort()) {
      if (name === 'consul') continue
      out.push(...fromCatalogEntries(await this.entries(name)))
    }
    return out
  }

  /** Returns the microservice of a name, version and namespace, if registered. */
  async find(name: string, version: string, namespace = ''): Promise<MicroService | undefined> {
    const entries = await this.entries(consulName({ serviceName: name, namespace }))
    return fromCatalogEntries(entries).find((s) => s.version === version)
  }

  /** Registers every node of a microservice. */
  async register(svc: MicroService): Promise<void> {
    for (const node of svc.nodes)
      await this.put('/v1/catalog/register', toCatalogRegistration(svc, node))
  }

  /** Deregisters nodes of a microservice. */
  async deregister(svc: MicroService, nodes: readonly MsbNode[]): Promise<void> {
    for (const node of nodes) {
      const reg = toCatalogRegistration(svc, node) as { Node: string; Service: { ID: string } }
      await this.put('/v1/catalog/deregister', { Node: reg.Node, ServiceID: reg.Service.ID })
    }
  }

  private async entries(name: string): Promise<CatalogEntry[]> {
    const list = await this.get(`/v1/catalog/service/${encodeURIComponent(name)}`)
    return Array.isArray(list) ? (list as CatalogEntry[]) : []
  }

  private async get(path: string): Promise<unknown> {
    const res = await this.fetch(`${this.base}${path}`, { timeoutMs: 5000 })
    if (res.status !== 200) throw new Error(`consul GET ${path}: status ${res.status}`)
    return parseJson(res)
  }

  private async put(path: string, body: unknown): Promise<void> {
    const res = await this.fetch(`${this.base}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: 5000,
    })
    if (res.status !== 200) throw new Error(`consul PUT ${path}: status ${res.status}`)
  }
}
