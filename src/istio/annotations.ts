/** Pod annotations the Istio 1.0 injector reads or writes, and its validation of them. */

/** Annotation keys recognised by the Istio 1.0 injector and its template. */
export const Annotations = {
  Inject: 'sidecar.istio.io/inject',
  Status: 'sidecar.istio.io/status',
  ProxyImage: 'sidecar.istio.io/proxyImage',
  InterceptionMode: 'sidecar.istio.io/interceptionMode',
  IncludeOutboundIPRanges: 'traffic.sidecar.istio.io/includeOutboundIPRanges',
  ExcludeOutboundIPRanges: 'traffic.sidecar.istio.io/excludeOutboundIPRanges',
  IncludeInboundPorts: 'traffic.sidecar.istio.io/includeInboundPorts',
  ExcludeInboundPorts: 'traffic.sidecar.istio.io/excludeInboundPorts',
} as const

type Validator = (value: string) => string | undefined

/** Returns an error for a comma-separated CIDR list (empty is valid). */
function cidrList(param: string, value: string): string | undefined {
  if (value === '') return undefined
  for (const cidr of value.split(',')) {
    if (!isCidr(cidr))
      return `${param} invalid: failed parsing cidr '${cidr}': invalid CIDR address: ${cidr}`
  }
  return undefined
}

/** Returns an error for a comma-separated port list (empty is valid). */
function portList(param: string, value: string): string | undefined {
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  for (const p of trimmed.split(',')) {
    const s = p.trim()
    if (!/^\d+$/.test(s) || Number(s) > 65535) {
      return `${param} invalid: failed parsing port '${s}': strconv.ParseUint: parsing "${s}": invalid syntax`
    }
  }
  return undefined
}

/** Validation of annotation values, in the order the lab reports them. */
const VALIDATORS: ReadonlyArray<[string, Validator]> = [
  [
    Annotations.InterceptionMode,
    (v) => (v === 'REDIRECT' || v === 'TPROXY' ? undefined : `interceptionMode invalid: ${v}`),
  ],
  [
    Annotations.IncludeOutboundIPRanges,
    (v) => (v === '*' ? undefined : cidrList('includeIPRanges', v)),
  ],
  [Annotations.ExcludeOutboundIPRanges, (v) => cidrList('excludeIPRanges', v)],
  [
    Annotations.IncludeInboundPorts,
    (v) => (v === '*' ? undefined : portList('includeInboundPorts', v)),
  ],
  [Annotations.ExcludeInboundPorts, (v) => portList('excludeInboundPorts', v)],
]

/** Throws the injector's denial message when a traffic annotation has an invalid value. */
export function validateAnnotations(annotations: Record<string, string> | undefined): void {
  if (!annotations) return
  for (const [key, check] of VALIDATORS) {
    const value = annotations[key]
    if (value === undefined) continue
    const err = check(value)
    if (err)
      throw new Error(
        `injection failed. Invalid value for annotation ${key}: ${value}. Error: ${err}`
      )
  }
}

/** Returns true for an IPv4 or IPv6 CIDR such as 10.0.0.0/8 or fd00::/8. */
function isCidr(s: string): boolean {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s)
  if (!m) return false
  const bits = Number(m[2])
  const ip = m[1]!
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(ip))
    return bits <= 32 && ip.split('.').every((o) => Number(o) <= 255)
  return bits <= 128 && /^[0-9a-fA-F:]+$/.test(ip) && ip.includes(':')
}
