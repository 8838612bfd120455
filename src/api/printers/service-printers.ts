import type { KubeObject } from '../types.js'
import { list, num, str, strMap } from './fields.js'
import { namedPrinter } from './named-printer.js'
import { formatLabels } from './selectors.js'
import { column } from './table-columns.js'

/** Prints services: Name, Type, Cluster-IP, External-IP, Port(s), Age; wide Selector. */
export const servicePrinter = namedPrinter({
  columns: [
    column(
      'Type',
      'string',
      'How the service is exposed: ClusterIP, NodePort, LoadBalancer or ExternalName.'
    ),
    column('Cluster-IP', 'string', 'The virtual IP address of the service inside the cluster.'),
    column(
      'External-IP',
      'string',
      'The addresses the service is reachable on from outside the cluster.'
    ),
    column('Port(s)', 'string', 'The ports the service exposes, with their node ports.'),
  ],
  cells: (svc) => {
    // The API server always defaults spec.type; read it the same way if it is missing.
    const type = str(svc, 'spec', 'type') || 'ClusterIP'
    // Objects written by 1.11 clients carry only spec.clusterIP; conversion fills clusterIPs.
    const clusterIP = str(svc, 'spec', 'clusterIPs', 0) || str(svc, 'spec', 'clusterIP') || '<none>'
    return [type, clusterIP, externalIP(svc, type), portString(svc) || '<none>']
  },
  tail: [
    column('Selector', 'string', 'The labels of the pods that back the service.', { priority: 1 }),
  ],
  tailCells: (svc) => [formatLabels(strMap(svc, 'spec', 'selector'))],
})

function externalIP(svc: KubeObject, type: string): string {
  const external = list(svc, 'spec', 'externalIPs').filter(
    (x): x is string => typeof x === 'string'
  )
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>'
    case 'LoadBalancer': {
      const lb = loadBalancerAddresses(list(svc, 'status', 'loadBalancer', 'ingress'))
      if (external.length > 0) return [...lb, ...external].join(',')
      return lb.length > 0 ? lb.join(',') : '<pending>'
    }
    case 'ExternalName':
      return str(svc, 'spec', 'externalName')
    default:
      return '<unknown>'
  }
}

/** Returns the distinct IPs (else hostnames) of load-balancer ingress points, sorted. */
export function loadBalancerAddresses(ingress: unknown[]): string[] {
  const set = new Set<string>()
  for (const i of ingress) {
    const a = str(i, 'ip') || str(i, 'hostname')
    if (a !== '') set.add(a)
  }
  return [...set].sort()
}

function portString(svc: KubeObject): string {
  return list(svc, 'spec', 'ports')
    .map((p) => {
      // The API server defaults the protocol to TCP.
      const proto = str(p, 'protocol') || 'TCP'
      const nodePort = num(p, 'nodePort')
      return nodePort > 0 ? `${num(p, 'port')}:${nodePort}/${proto}` : `${num(p, 'port')}/${proto}`
    })
    .join(',')
}

/** Prints endpoints: Name, Endpoints (`ip:port`, at most 3 then ` + N more...`), Age. */
export const endpointsPrinter = namedPrinter({
  columns: [column('Endpoints', 'string', 'The ready addresses and ports of the endpoints.')],
  cells: (ep) => [formatEndpoints(ep)],
})

function formatEndpoints(ep: KubeObject): string {
  const subsets = list(ep, 'subsets')
  if (subsets.length === 0) return '<none>'
  const max = 3
  const shown: string[] = []
  let count = 0
  let more = false
  const add = (text: string) => {
    if (shown.length === max) more = true
    else shown.push(text)
  }
  for (const ss of subsets) {
    const addresses = list(ss, 'addresses').map((a) => str(a, 'ip'))
    const ports = list(ss, 'ports')
    if (ports.length === 0) {
      // Headless services may have no ports: print the bare addresses.
      count += addresses.length
      addresses.forEach(add)
      continue
    }
    for (const p of ports) {
      count += addresses.length
      for (const ip of addresses) add(joinHostPort(ip, num(p, 'port')))
    }
  }
  const text = shown.join(',')
  return more ? `${text} + ${count - max} more...` : text
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
}
