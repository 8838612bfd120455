/** The annotation kube2msb reads on Services and Pods. */
export const SERVICE_INFO_ANNOTATION = 'msb.onap.org/service-info'

/** One entry of `msb.onap.org/service-info` (oom-registrator's ServiceAnnotation). */
export interface ServiceAnnotation {
  serviceName: string
  version: string
  url: string
  protocol: string
  port: string
  visualRange: string
  lb_policy: string
  path: string
  enable_ssl: boolean
  ip: string
}

const STRING_FIELDS = [
  'serviceName',
  'version',
  'url',
  'protocol',
  'port',
  'visualRange',
  'lb_policy',
  'path',
  'ip',
] as const

/**
 * Returns the entries of a service-info annotation, decoded as Go's encoding/json decodes it into
 * `[]*ServiceAnnotation`: it must be a JSON array of objects, known fields must have their Go type
 * (strings, `enable_ssl` a bool), unknown fields are ignored. Throws an Error whose message is
 * Go's (`unexpected end of JSON input`, `json: cannot unmarshal …`).
 */
export function parseServiceInfo(value: string): ServiceAnnotation[] {
  let doc: unknown
  try {
    doc = JSON.parse(value)
  } catch (err) {
    throw new Error(goSyntaxError(value, err))
  }
  const target = 'Go value of type []*main.ServiceAnnotation'
  if (!Array.isArray(doc)) throw new Error(`json: cannot unmarshal ${jsonKind(doc)} into ${target}`)
  return doc.map((item: unknown) => {
    if (item !== null && (typeof item !== 'object' || Array.isArray(item)))
      throw new Error(
        `json: cannot unmarshal ${jsonKind(item)} into Go value of type main.ServiceAnnotation`
      )
    const o = (item ?? {}) as Record<string, unknown>
    const sa: ServiceAnnotation = {
      serviceName: '',
      version: '',
      url: '',
      protocol: '',
      port: '',
      visualRange: '',
      lb_policy: '',
      path: '',
      enable_ssl: false,
      ip: '',
    }
    for (const f of STRING_FIELDS) {
      const v = o[f]
      if (v === undefined || v === null) continue
      if (typeof v !== 'string') throw fieldError(v, f, 'string')
      sa[f] = v
    }
    const ssl = o.enable_ssl
    if (ssl !== undefined && ssl !== null) {
      if (typeof ssl !== 'boolean') throw fieldError(ssl, 'enable_ssl', 'bool')
      sa.enable_ssl = ssl
    }
    return sa
  })
}

function fieldError(v: unknown, field: string, goType: string): Error {
  return new Error(
    `json: cannot unmarshal ${jsonKind(v)} into Go struct field ServiceAnnotation.${field} of type ${goType}`
  )
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (v === null) return 'null'
  if (typeof v === 'object') return 'object'
  return typeof v
}

// encoding/json's SyntaxError texts for the two ways an annotation is usually broken.
function goSyntaxError(value: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err)
  if (/end of (JSON )?input|Unterminated/i.test(msg) || value.trim() === '')
    return 'unexpected end of JSON input'
  const pos = /position (\d+)/.exec(msg)
  const at = pos ? Number(pos[1]) : value.search(/\S/)
  if (at >= value.trimEnd().length) return 'unexpected end of JSON input'
  const ch = value.charAt(at)
  return `invalid character '${ch}' looking for beginning of value`
}
