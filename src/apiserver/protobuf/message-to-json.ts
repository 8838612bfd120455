import type protobuf from 'protobufjs'

/** A JSON object as the decoder builds it. */
export type JsonRecord = Record<string, unknown>

const TIME = '.k8s.io.apimachinery.pkg.apis.meta.v1.Time'
const MICRO_TIME = '.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime'
const DURATION = '.k8s.io.apimachinery.pkg.apis.meta.v1.Duration'
const FIELDS_V1 = '.k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1'
const RAW_EXTENSION = '.k8s.io.apimachinery.pkg.runtime.RawExtension'
const INT_OR_STRING = '.k8s.io.apimachinery.pkg.util.intstr.IntOrString'
const QUANTITY = '.k8s.io.apimachinery.pkg.api.resource.Quantity'
const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64'])
// time.Time{} as Unix seconds: a Go zero time that a client wrote out anyway.
const GO_ZERO_TIME_SECONDS = -62135596800

/**
 * Returns the JSON form of a decoded message, as the JSON API would have carried it.
 *
 * Rules (gogo writes every non-pointer field, zero or not, so presence alone means little):
 * - a scalar is kept when it is non-zero, when its Go field is a pointer (`(ptr)` option), or
 *   when Go's JSON writes it even at zero (no omitempty: `(keep)` option);
 * - a nested message is kept when non-empty, or when it is a pointer (`emptyDir: {}` survives);
 * - `(inline)` messages merge into their parent; lists and maps are kept when non-empty, and
 *   map values are always kept (`labels: {a: ""}`);
 * - Time → RFC 3339 seconds (zero → omitted), IntOrString → number | string,
 *   Quantity → string, FieldsV1 / RawExtension → parsed JSON, bytes → base64, int64 → number.
 * Throws a plain Error for values JSON cannot carry (a time out of range, FieldsV1 not JSON).
 */
export function messageToJson(type: protobuf.Type, message: protobuf.Message): JsonRecord {
  const present = message as unknown as Record<string, unknown>
  const out: JsonRecord = {}
  for (const field of type.fieldsArray) {
    // protobufjs keeps unset singular fields on the prototype; own properties came off the wire.
    if (!Object.hasOwn(present, field.name)) continue
    const raw = present[field.name]
    if (field.map) {
      const entries = Object.entries(raw as Record<string, unknown>)
      if (entries.length > 0) {
        out[jsonName(field)] = Object.fromEntries(
          entries.map(([k, v]) => [k, convertValue(field, v)])
        )
      }
    } else if (field.repeated) {
      const items = (raw as unknown[]).map((v) => convertValue(field, v))
      if (items.length > 0) out[jsonName(field)] = items
    } else {
      const value = convertValue(field, raw)
      if (value === undefined) continue
      if (field.options?.['(inline)'] === true && isRecord(value)) Object.assign(out, value)
      else if (keepsZero(field) || !isEmpty(value)) out[jsonName(field)] = value
    }
  }
  return out
}

function convertValue(field: protobuf.FieldBase, value: unknown): unknown {
  const resolved = field.resolvedType
  if (resolved && 'fieldsArray' in resolved)
    return convertMessage(resolved, value as protobuf.Message)
  if (LONG_TYPES.has(field.type)) return toNumber(value)
  if (field.type === 'bytes') return Buffer.from(value as Uint8Array).toString('base64')
  return value
}

function convertMessage(type: protobuf.Type, message: protobuf.Message): unknown {
  const m = message as unknown as Record<string, unknown>
  switch (type.fullName) {
    case TIME:
      return Object.hasOwn(m, 'seconds') ? formatTime(toNumber(m['seconds'])) : undefined
    case MICRO_TIME:
      return Object.hasOwn(m, 'seconds')
        ? formatMicroTime(toNumber(m['seconds']), toNumber(m['nanos'] ?? 0))
        : undefined
    case DURATION:
      return formatDuration(toNumber(m['duration'] ?? 0))
    case INT_OR_STRING:
      return toNumber(m['type'] ?? 0) === 1 ? String(m['strVal'] ?? '') : Number(m['intVal'] ?? 0)
    case QUANTITY:
      return String(m['string'] ?? '')
    case FIELDS_V1:
      return parseJson(m['Raw'], 'fieldsV1') ?? {}
    case RAW_EXTENSION:
      return parseJson(m['raw'], 'embedded object')
    default:
      return convertOther(type, m)
  }
}

// Named slices (`type ExtraValue []string`) are a list in JSON; an opaque JSON holder (a single
// bytes field with `json:"-"`, apiextensions' JSON) is the JSON it holds.
function convertOther(type: protobuf.Type, m: Record<string, unknown>): unknown {
  const only = type.fieldsArray.length === 1 ? type.fieldsArray[0] : undefined
  if (type.options?.['(array)'] === true && only?.repeated) {
    return ((m[only.name] as unknown[] | undefined) ?? []).map((v) => convertValue(only, v))
  }
  if (only?.type === 'bytes' && only.options?.['(json)'] === '-') {
    return parseJson(m[only.name], type.name)
  }
  return messageToJson(type, m as unknown as protobuf.Message)
}

// Pointers were set by the client; `(keep)` scalars are written by Go's JSON even when zero.
function keepsZero(field: protobuf.FieldBase): boolean {
  return field.options?.['(ptr)'] === true || field.options?.['(keep)'] === true
}

function jsonName(field: protobuf.FieldBase): string {
  const name = field.options?.['(json)']
  return typeof name === 'string' && name !== '' && name !== '-' ? name : field.name
}

function formatMicroTime(seconds: number, nanos: number): string | undefined {
  const whole = formatTime(seconds)
  if (whole === undefined) return undefined
  const micros = String(Math.floor(nanos / 1000)).padStart(6, '0')
  return whole.replace(/Z$/, `.${micros}Z`)
}

// Go's time.Duration.String(): "1h2m3.5s", "0s".
function formatDuration(nanos: number): string {
  if (nanos === 0) return '0s'
  const sign = nanos < 0 ? '-' : ''
  let rest = Math.abs(nanos) / 1e9
  const h = Math.floor(rest / 3600)
  rest -= h * 3600
  const m = Math.floor(rest / 60)
  rest -= m * 60
  const s = `${Number(rest.toFixed(9))}s`
  return sign + (h > 0 ? `${h}h${m}m${s}` : m > 0 ? `${m}m${s}` : s)
}

function formatTime(seconds: number): string | undefined {
  if (seconds === GO_ZERO_TIME_SECONDS) return undefined
  const date = new Date(seconds * 1000)
  const year = date.getUTCFullYear()
  // Go refuses to write JSON times outside years 0-9999, so a JSON client could not send them.
  if (Number.isNaN(year) || year < 0 || year > 9999) {
    throw new Error(`time ${seconds}s since the epoch is out of range`)
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function parseJson(bytes: unknown, what: string): unknown {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) return undefined
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown
  } catch (err) {
    throw new Error(`${what} is not valid JSON`, { cause: err })
  }
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'object' && value !== null && 'toNumber' in value) {
    return (value as { toNumber(): number }).toNumber()
  }
  return Number(value)
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isEmpty(value: unknown): boolean {
  if (isRecord(value)) return Object.keys(value).length === 0
  return value === 0 || value === '' || value === false
}
