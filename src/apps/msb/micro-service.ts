import { isObject } from '../../api/types.js'

/** A node (instance) of a microservice, as msb-discovery's model has it. */
export interface MsbNode {
  ip: string
  port: string
  nodeId?: string
  status?: string
  checkType?: string
  checkUrl?: string
  ttl?: number
}

/** A microservice as msb-discovery's REST API returns it (reference §6.3). */
export interface MicroService {
  serviceName: string
  version: string
  url: string
  protocol: string
  visualRange: string
  lb_policy: string
  namespace: string
  path: string
  enable_ssl: boolean
  nodes: MsbNode[]
  metadata: { key: string; value: string }[]
  labels: string[]
  status: string
  is_manual: boolean
}

const PROTOCOLS = ['REST', 'UI', 'HTTP', 'MQ', 'FTP', 'SNMP', 'TCP', 'UDP']

/**
 * Returns a microservice from a registration body with msb-discovery's defaults (visualRange
 * "1", status "1", enable_ssl false), or a message naming the first problem (a 400's text).
 */
export function toMicroService(body: unknown): MicroService | string {
  if (!isObject(body)) return 'microservice body must be a JSON object'
  const s = (k: string): string => (typeof body[k] === 'string' ? (body[k] as string) : '')
  if (!s('serviceName')) return "serviceName can't be empty"
  const protocol = s('protocol').toUpperCase()
  if (!PROTOCOLS.includes(protocol)) return `not supported protocol:${s('protocol')}`
  const url = s('url')
  if (url !== '' && !url.startsWith('/')) return 'url must start with /'
  const rawNodes: unknown[] = Array.isArray(body.nodes) ? body.nodes : []
  const nodes: MsbNode[] = []
  for (const n of rawNodes) {
    if (!isObject(n)) return 'nodes must be objects with ip and port'
    const ip = typeof n.ip === 'string' ? n.ip : ''
    const port =
      typeof n.port === 'number' ? String(n.port) : typeof n.port === 'string' ? n.port : ''
    if (!ip) return "node ip can't be empty"
    if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
      return `value of port is not a number or out of range:${port}`
    nodes.push({ ip, port })
  }
  return {
    serviceName: s('serviceName'),
    version: s('version'),
    url: url === '' ? '/' : url,
    protocol,
    visualRange: s('visualRange') || '1',
    lb_policy: s('lb_policy') || 'round-robin',
    namespace: s('namespace'),
    path: s('path'),
    enable_ssl: body.enable_ssl === true,
    nodes,
    metadata: [],
    labels: Array.isArray(body.labels) ? body.labels.filter((l) => typeof l === 'string') : [],
    status: '1',
    is_manual: body.is_manual === true,
  }
}

/** Returns the version as the REST paths and Consul carry it ("null" when empty). */
export function versionKey(version: string): string {
  return version === '' ? 'null' : version
}
