/**
 * Writes a proxy span's Zipkin v1 JSON straight from its fields, byte for byte what
 * `JSON.stringify(span.toZipkinV1())` gives, into a sink: one that builds the text, or one that only
 * counts its UTF-8 bytes (what a meter needs, without the text).
 */
import type { EnvoySpan } from './envoy-span.js'

// Characters JSON.stringify escapes: `"`, `\`, controls, and (well-formed JSON.stringify) lone
// surrogates; a string without any is written as it is, between quotes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/
// Printable ASCII but `"` and `\`: written as is, one byte per character.
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/

/** Returns a string as JSON.stringify writes it. */
export function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`
}

/** Returns a number as JSON.stringify writes it (NaN and ±Infinity become null). */
export function jsonNumber(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null'
}

/** Where the writer puts a span's JSON: literal ASCII punctuation, strings, numbers. */
export interface JsonSink {
  /** ASCII text written as it is. */
  lit(s: string): void
  /** A string value likely to repeat (a proxy's node id, a route's name, a path). */
  str(s: string): void
  /** A string value seen once (an id). */
  id(s: string): void
  /** A number, as a JSON number. */
  num(n: number): void
  /** A number, as a JSON string (`"200"`). */
  numStr(n: number): void
}

/** A sink that builds the JSON text. */
export class TextSink implements JsonSink {
  /** The text so far. */
  text = ''
  lit(s: string): void {
    this.text += s
  }
  str(s: string): void {
    this.text += quote(s)
  }
  id(s: string): void {
    this.text += quote(s)
  }
  num(n: number): void {
    this.text += jsonNumber(n)
  }
  numStr(n: number): void {
    this.text += `"${String(n)}"`
  }
}

// Quoted UTF-8 lengths of the strings that repeat from span to span, bounded.
const quotedLengths = new Map<string, number>()
const MAX_CACHED = 4096

const quotedLength = (s: string): number =>
  PLAIN_ASCII.test(s) ? s.length + 2 : Buffer.byteLength(quote(s), 'utf8')

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i)

// Digits of a non-negative integer below 10^16 (String(n).length without the string).
function decimalLength(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n >= 1e16) return String(n).length
  let d = 1
  while (d < 16 && n >= POWERS_OF_TEN[d]!) d++
  return d
}

/** A sink that counts the UTF-8 bytes of the JSON text without building it. */
export class LengthSink implements JsonSink {
  /** Bytes so far. */
  bytes = 0
  lit(s: string): void {
    this.bytes += s.length
  }
  str(s: string): void {
    let n = quotedLengths.get(s)
    if (n === undefined) {
      n = quotedLength(s)
      if (quotedLengths.size >= MAX_CACHED) quotedLengths.clear()
      quotedLengths.set(s, n)
    }
    this.bytes += n
  }
  id(s: string): void {
    this.bytes += quotedLength(s)
  }
  num(n: number): void {
    this.bytes += Number.isFinite(n) ? decimalLength(n) : 4
  }
  numStr(n: number): void {
    // String(n) is ASCII (digits, sign, point, exponent, NaN, Infinity): nothing to escape.
    this.bytes += decimalLength(n) + 2
  }
}

function endpoint(span: EnvoySpan, out: JsonSink): void {
  out.lit('"endpoint":{"serviceName":')
  out.str(span.serviceName)
  const ip = span.ipv4
  if (ip !== undefined) {
    out.lit(',"ipv4":')
    out.str(ip)
  }
  out.lit(',"port":0}')
}

// One binary annotation; Envoy's Span::setTag drops empty values.
function tag(out: JsonSink, key: string, value: string, once = false): void {
  if (value === '') return
  out.lit(`,{"key":"${key}","value":`)
  if (once) out.id(value)
  else out.str(value)
  out.lit('}')
}

function numTag(out: JsonSink, key: string, value: number): void {
  out.lit(`,{"key":"${key}","value":`)
  out.numStr(value)
  out.lit('}')
}

/**
 * Writes one span's Zipkin v1 JSON: the fields and tags of `toZipkinV1()`, in its order (its
 * tests compare the two byte for byte).
 */
export function writeSpan(span: EnvoySpan, out: JsonSink): void {
  const r = span.report
  const startUs = span.startUs
  const durationUs = span.durationUs
  const source = r.reporter === 'source'
  out.lit('{"traceId":')
  out.id(r.trace.traceId)
  out.lit(',"id":')
  out.id(r.trace.spanId)
  out.lit(',"name":')
  out.str(r.operation)
  out.lit(',"timestamp":')
  out.num(startUs)
  out.lit(',"duration":')
  out.num(durationUs)
  out.lit(',"annotations":[{"timestamp":')
  out.num(startUs)
  out.lit(source ? ',"value":"cs",' : ',"value":"sr",')
  endpoint(span, out)
  out.lit('},{"timestamp":')
  out.num(startUs + durationUs)
  out.lit(source ? ',"value":"cr",' : ',"value":"ss",')
  endpoint(span, out)
  // Tag keys and the constant values are plain ASCII.
  out.lit('}],"binaryAnnotations":[{"key":"component","value":"proxy"}')
  tag(out, 'node_id', r.nodeId)
  tag(out, 'guid:x-request-id', r.requestId, true)
  tag(out, 'http.url', `http://${r.host}${r.path}`)
  tag(out, 'http.method', r.method)
  out.lit(',{"key":"downstream_cluster","value":"-"}')
  tag(out, 'user_agent', r.userAgent || '-')
  out.lit(',{"key":"http.protocol","value":"HTTP/1.1"}')
  numTag(out, 'request_size', r.requestBytes)
  tag(out, 'upstream_cluster', r.upstreamCluster)
  numTag(out, 'http.status_code', r.responseCode)
  numTag(out, 'response_size', r.responseBytes)
  tag(out, 'response_flags', r.responseFlags || '-')
  if (r.responseCode === 0 || r.responseCode >= 500) out.lit(',{"key":"error","value":"true"}')
  out.lit(']')
  if (r.trace.parentSpanId) {
    out.lit(',"parentId":')
    out.id(r.trace.parentSpanId)
  }
  out.lit('}')
}
