import type { KubeObject } from '../../api/types.js'

/** What istio-init's iptables rules capture (its `-i -x -b -d` arguments). */
export interface CaptureRules {
  /** Outbound CIDRs sent to the proxy (`*` = all). */
  includeOutbound: string[]
  excludeOutbound: string[]
  /** Inbound ports sent to the proxy (`*` = all). */
  includeInbound: string[]
  excludeInbound: number[]
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/**
 * Returns the capture rules of a pod from its `istio-init` container's arguments (the injector
 * rendered the `traffic.sidecar.istio.io/*` annotations into them), or undefined without one.
 */
export function captureRulesOf(pod: KubeObject): CaptureRules | undefined {
  if (cache.has(pod)) return cache.get(pod)
  const r = readRules(pod)
  cache.set(pod, r)
  return r
}

// Pod objects are replaced, never mutated, on every change: the rules are cached per object.
const cache = new WeakMap<KubeObject, CaptureRules | undefined>()

function readRules(pod: KubeObject): CaptureRules | undefined {
  const spec = (
    pod as unknown as { spec?: { initContainers?: { name: string; args?: string[] }[] } }
  ).spec
  const init = spec?.initContainers?.find((c) => c.name === 'istio-init')
  if (!init) return undefined
  const args = init.args ?? []
  const arg = (flag: string) => {
    const i = args.indexOf(flag)
    return i >= 0 ? args[i + 1] : undefined
  }
  return {
    includeOutbound: list(arg('-i') ?? '*'),
    excludeOutbound: list(arg('-x')),
    includeInbound: list(arg('-b')),
    excludeInbound: list(arg('-d')).map(Number),
  }
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0
}

/** Returns true when `ip` lies in a CIDR (`10.0.0.0/8`) or equals a bare address. */
export function inCidr(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split('/')
  const n = bits === undefined ? 32 : Number(bits)
  if (n === 0) return true
  const mask = (~0 << (32 - n)) >>> 0
  return (ipToInt(ip) & mask) === (ipToInt(net!) & mask)
}

/** Returns true when istio-init sends an outbound connection to `ip` through the proxy. */
export function capturesOutbound(r: CaptureRules | undefined, ip: string): boolean {
  if (!r) return true
  if (r.excludeOutbound.some((c) => inCidr(ip, c))) return false
  return r.includeOutbound.some((c) => c === '*' || inCidr(ip, c))
}

/** Returns true when istio-init sends an inbound connection on `port` through the proxy. */
export function capturesInbound(r: CaptureRules | undefined, port: number): boolean {
  if (!r) return true
  if (r.excludeInbound.includes(port)) return false
  return r.includeInbound.some((p) => p === '*' || Number(p) === port)
}
