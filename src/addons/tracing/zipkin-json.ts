/**
 * Writes a proxy span's Zipkin v1 JSON straight from its fields, byte for byte what
 * `JSON.stringify(span.toZipkinV1())` gives (its length without the text: zipkin-json-length.ts).
 */
import type { EnvoySpan } from './envoy-span.js'

// Characters JSON.stringify escapes: `"`, `\`, controls, and (well-formed JSON.stringify) lone
// surrogates; a string without any is written as it is, between quotes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/

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
  const r = span
  const startUs = span.startUs
  const durationUs = span.durationUs
  const source = r.kind === 'client'
  out.lit('{"traceId":')
  out.id(r.traceId)
  out.lit(',"id":')
  out.id(r.id)
  out.lit(',"name":')
  out.str(r.name)
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
  if (r.parentId) {
    out.lit(',"parentId":')
    out.id(r.parentId)
  }
  out.lit('}')
}
