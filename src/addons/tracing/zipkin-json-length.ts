/**
 * The UTF-8 length of a proxy span's Zipkin v1 JSON (what `writeSpan` writes), computed from its
 * fields without writing it: what the pod's network meter counts of a POST to the collector.
 */
import { allCodesIn, codeTable } from './code-table.js'
import type { EnvoySpan } from './envoy-span.js'
import type { SpanShape } from './span-shape.js'
import { quote } from './zipkin-json.js'

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i)

// Digits of a non-negative integer below 10^16 (String(n).length without the string).
function decimalLength(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n >= 1e16) return String(n).length
  let d = 1
  while (d < 16 && n >= POWERS_OF_TEN[d]!) d++
  return d
}

// Printable ASCII but `"` and `\\`: written as is, one byte per character.
const PLAIN_ASCII = codeTable((c) => c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c)

/** Returns the UTF-8 length of `quote(s)`. */
export function quotedLength(s: string): number {
  return allCodesIn(PLAIN_ASCII, s) ? s.length + 2 : Buffer.byteLength(quote(s), 'utf8')
}

// The length of a JSON number (`null` when not finite).
const numberLength = (n: number): number => (Number.isFinite(n) ? decimalLength(n) : 4)

// The length of one binary annotation `,{"key":"<key>","value":<quoted value>}` (0 when dropped).
const tagLength = (key: string, value: string): number =>
  value === '' ? 0 : key.length + 20 + quotedLength(value)

// `{"traceId":,"id":,"name":,"timestamp":,"duration":,"annotations":[{"timestamp":,"value":"cs",`
// `},{"timestamp":,"value":"cr",}],"binaryAnnotations":[{"key":"component","value":"proxy"}`, the
// two fixed tags (downstream_cluster, http.protocol), `]` and `}`: what every span writes.
const FIXED_LENGTH =
  '{"traceId":,"id":,"name":,"timestamp":,"duration":,"annotations":[{"timestamp":,"value":"cs",'
    .length +
  '},{"timestamp":,"value":"cr",}],"binaryAnnotations":[{"key":"component","value":"proxy"}'
    .length +
  ',{"key":"downstream_cluster","value":"-"}'.length +
  ',{"key":"http.protocol","value":"HTTP/1.1"}'.length +
  2
// `"endpoint":{"serviceName":` and `,"port":0}`; `,"ipv4":` when the proxy has an IP.
const ENDPOINT_LENGTH = '"endpoint":{"serviceName":,"port":0}'.length
const IPV4_LENGTH = ',"ipv4":'.length
// `,{"key":"<key>","value":"<n>"}` of the numeric tags, without the key and the digits.
const NUM_TAG_LENGTH = ',{"key":"","value":""}'.length

// The length a span's shared strings add (its endpoints, name, url and string tags): counted
// once per shape.
function shapeLength(r: SpanShape): number {
  const ip = r.ipv4
  const endpoint =
    ENDPOINT_LENGTH +
    quotedLength(r.serviceName) +
    (ip !== undefined ? IPV4_LENGTH + quotedLength(ip) : 0)
  // http.url is `http://<host><path>`: counted from its parts when each is a byte a character
  // with nothing to escape (its quoted length is its length + 2), else written out.
  const host = quotedLength(r.host)
  const path = quotedLength(r.path)
  const url =
    host === r.host.length + 2 && path === r.path.length + 2
      ? r.host.length + r.path.length + 9
      : quotedLength(`http://${r.host}${r.path}`)
  return (
    2 * endpoint +
    quotedLength(r.name) +
    tagLength('node_id', r.nodeId) +
    'http.url'.length +
    20 +
    url +
    tagLength('http.method', r.method) +
    tagLength('user_agent', r.userAgent || '-') +
    tagLength('upstream_cluster', r.upstreamCluster) +
    tagLength('response_flags', r.responseFlags || '-')
  )
}

/**
 * Returns the UTF-8 length of one span's Zipkin v1 JSON (what `writeSpan` writes), computed from
 * its fields without writing it: what the pod's network meter counts of a POST.
 */
export function spanJsonLength(span: EnvoySpan): number {
  const r = span
  const startUs = span.startUs
  const durationUs = span.durationUs
  const shape = span.shape
  // Lower-case hex ids have nothing to escape: their quoted length is their length + 2.
  const hex = span.hexIdsOnly()
  let n =
    FIXED_LENGTH +
    (shape.jsonLength ??= shapeLength(shape)) +
    (hex ? r.traceId.length + 2 : quotedLength(r.traceId)) +
    (hex ? r.id.length + 2 : quotedLength(r.id)) +
    2 * numberLength(startUs) +
    numberLength(durationUs) +
    numberLength(startUs + durationUs) +
    (r.requestId === '' ? 0 : 'guid:x-request-id'.length + 20 + quotedLength(r.requestId)) +
    3 * NUM_TAG_LENGTH +
    'request_size'.length +
    'http.status_code'.length +
    'response_size'.length +
    decimalLength(r.requestBytes) +
    decimalLength(r.responseCode) +
    decimalLength(r.responseBytes)
  if (r.responseCode === 0 || r.responseCode >= 500) n += ',{"key":"error","value":"true"}'.length
  if (r.parentId)
    n += ',"parentId":'.length + (hex ? r.parentId.length + 2 : quotedLength(r.parentId))
  return n
}
