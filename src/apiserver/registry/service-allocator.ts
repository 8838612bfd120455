import { invalid } from '../../api/errors.js'
import { asObject, isObject, type KubeObject, type Obj } from '../../api/types.js'
import type { Ids } from './registry-context.js'

/** Returns the first and last address of an IPv4 CIDR as integers. */
export function cidrRange(cidr: string): [number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr)
  if (!m) throw new Error(`invalid CIDR "${cidr}"`)
  const base = ((+m[1]! << 24) | (+m[2]! << 16) | (+m[3]! << 8) | +m[4]!) >>> 0
  const bits = +m[5]!
  const size = 2 ** (32 - bits)
  const first = bits === 0 ? 0 : (base & ~(size - 1)) >>> 0
  return [first, first + size - 1]
}

/** Returns the dotted form of an IPv4 integer. */
export function ipString(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/**
 * Allocates ClusterIPs and NodePorts for a Service as kube-apiserver's service REST storage does,
 * at create (and on type changes), refusing ports already taken with the apiserver's message.
 */
export class ServiceAllocator {
  private first: number
  private last: number
  private nodePorts: [number, number]
  private ids: Ids

  constructor(serviceSubnet: string, nodePorts: [number, number], ids: Ids) {
    ;[this.first, this.last] = cidrRange(serviceSubnet)
    this.nodePorts = nodePorts
    this.ids = ids
  }

  /** Returns the ClusterIP of the `kubernetes` Service: the first address of the subnet. */
  apiServiceIp(): string {
    return ipString(this.first + 1)
  }

  /** Fills spec.clusterIP and nodePorts of `svc`; `existing` are the other Services. Throws 422 on conflicts. */
  allocate(svc: KubeObject, old: KubeObject | undefined, existing: KubeObject[]): void {
    const spec = svc.spec as Obj
    const name = svc.metadata.name ?? ''
    const oldSpec = old && isObject(old.spec) ? old.spec : undefined
    const usedIps = new Set<string>()
    const usedPorts = new Set<number>()
    for (const s of existing) {
      if (s.metadata.uid === svc.metadata.uid) continue
      const sp = asObject(s.spec)
      if (typeof sp.clusterIP === 'string') usedIps.add(sp.clusterIP)
      for (const p of Array.isArray(sp.ports) ? sp.ports : [])
        if (isObject(p) && typeof p.nodePort === 'number') usedPorts.add(p.nodePort)
    }
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      spec.clusterIP = oldSpec?.clusterIP ?? this.freeIp(usedIps, name)
    } else if (spec.clusterIP !== 'None' && !oldSpec) {
      const ip = String(spec.clusterIP)
      if (usedIps.has(ip)) {
        throw invalid('Service', '', name, [
          {
            field: 'spec.clusterIP',
            message: `Invalid value: "${ip}": provided IP is already allocated`,
          },
        ])
      }
    }
    const wantsNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer'
    const ports = (Array.isArray(spec.ports) ? spec.ports : []) as Obj[]
    const taken = new Set<number>()
    ports.forEach((p, i) => {
      if (!wantsNodePorts) {
        delete p.nodePort
        return
      }
      const oldPort = (Array.isArray(oldSpec?.ports) ? (oldSpec.ports as Obj[]) : []).find(
        (o) => o.port === p.port
      )
      if (p.nodePort === undefined || p.nodePort === 0) {
        p.nodePort =
          typeof oldPort?.nodePort === 'number'
            ? oldPort.nodePort
            : this.freePort(usedPorts, taken, name)
      } else {
        const n = Number(p.nodePort)
        const [lo, hi] = this.nodePorts
        const field = `spec.ports[${i}].nodePort`
        if (n < lo || n > hi) {
          throw invalid('Service', '', name, [
            {
              field,
              message: `Invalid value: ${n}: provided port is not in the valid range. The range of valid ports is ${lo}-${hi}`,
            },
          ])
        }
        if ((usedPorts.has(n) || taken.has(n)) && oldPort?.nodePort !== n) {
          throw invalid('Service', '', name, [
            { field, message: `Invalid value: ${n}: provided port is already allocated` },
          ])
        }
      }
      taken.add(Number(p.nodePort))
    })
  }

  private freeIp(used: Set<string>, name: string): string {
    const size = this.last - this.first - 1
    const start = this.ids.int(size, `clusterIP/${name}`)
    for (let i = 0; i < size; i++) {
      const ip = ipString(this.first + 1 + ((start + i) % size))
      if (!used.has(ip) && ip !== this.apiServiceIp()) return ip
    }
    throw invalid('Service', '', name, [
      { field: 'spec.clusterIP', message: 'Internal error: range is full' },
    ])
  }

  private freePort(used: Set<number>, taken: Set<number>, name: string): number {
    const [lo, hi] = this.nodePorts
    const size = hi - lo + 1
    const start = this.ids.int(size, `nodePort/${name}`)
    for (let i = 0; i < size; i++) {
      const p = lo + ((start + i) % size)
      if (!used.has(p) && !taken.has(p)) return p
    }
    throw invalid('Service', '', name, [
      { field: 'spec.ports', message: 'Internal error: range is full' },
    ])
  }
}
