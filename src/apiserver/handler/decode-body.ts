import { parse as parseYaml } from 'yaml'
import { badRequest, invalid, StatusError, unsupportedMediaType } from '../../api/errors.js'
import { decodeProtobufBody, isProtobufContentType } from '../protobuf/index.js'
import type { ApiRequest } from '../request/index.js'

const ACCEPTED = 'application/json, application/yaml, application/vnd.kubernetes.protobuf'

/** Returns the media type of a Content-Type header, lower-case, without parameters. */
export function mediaType(ct: string | undefined): string {
  return (ct ?? '').split(';')[0]!.trim().toLowerCase()
}

function text(body: Buffer): string {
  return body.toString('utf8')
}

/** Returns the JSON value of a request body (JSON, YAML or Kubernetes protobuf), or throws 400/415. */
export function decodeBody(req: ApiRequest): unknown {
  if (req.body === undefined || req.body === null)
    throw badRequest('the body of the request was empty')
  if (!Buffer.isBuffer(req.body)) return req.body
  const mt = mediaType(req.headers['content-type'])
  if (isProtobufContentType(mt)) return checkDepth(decodeProtobufBody(req.body).object)
  if (req.body.length === 0) throw badRequest('the body of the request was empty')
  if (mt === '' || mt === 'application/json' || mt === '*/*') return parseJson(req.body)
  if (mt === 'application/yaml' || mt === 'application/apply-patch+yaml')
    return parseYamlBody(req.body)
  throw unsupportedMediaType(
    `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED}`
  )
}

/** Returns the parsed JSON of a buffer, or throws 400 with the parser's message. */
export function parseJson(body: Buffer): unknown {
  try {
    return checkDepth(JSON.parse(text(body)))
  } catch (err) {
    if (err instanceof StatusError) throw err
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`)
  }
}

/** Returns the parsed YAML (or JSON) of a buffer, or throws 400. */
export function parseYamlBody(body: Buffer): unknown {
  const t = text(body)
  // YAML holds JSON: a body that is JSON (what helm and client-go send as apply-patch+yaml) is
  // read by the JSON parser, many times faster; anything else, errors included, by the YAML one.
  if (t.trimStart().startsWith('{')) {
    let v: unknown
    try {
      v = JSON.parse(t)
    } catch {
      v = undefined
    }
    if (v !== undefined) return checkDepth(v)
  }
  try {
    return checkDepth(parseYaml(t, { maxAliasCount: 100 }))
  } catch (err) {
    if (err instanceof StatusError) throw err
    throw badRequest(`error decoding YAML: ${(err as Error).message.split('\n')[0]}`)
  }
}

// Deeper values would overflow the stack of the recursive copies and walks behind the handler (a
// 500); kube-apiserver's JSON decoder has a depth limit too. No Kubernetes object comes close.
const MAX_DEPTH = 500

/** Returns the value, or throws 400 when it nests deeper than MAX_DEPTH (checked without recursion). */
function checkDepth<T>(value: T): T {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length) {
    const [v, depth] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (depth > MAX_DEPTH)
      throw badRequest(
        `couldn't get version/kind; json parse error: exceeded max depth of ${MAX_DEPTH}`
      )
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return value
}

/** The most bytes of data a ConfigMap or Secret holds (kube-apiserver's MaxSecretSize, 1 MiB). */
export const MAX_DATA_BYTES = 1024 * 1024

/**
 * Throws kube-apiserver's 422 when a ConfigMap's keys and values, or a Secret's decoded values,
 * add up to more than 1 MiB: `data: Too long: must have at most 1048576 characters`.
 */
export function checkDataSize(kind: string, obj: unknown): void {
  if ((kind !== 'ConfigMap' && kind !== 'Secret') || !isRecord(obj)) return
  let total = 0
  const each = (m: unknown, size: (k: string, v: string) => number) => {
    if (!isRecord(m)) return
    for (const [k, v] of Object.entries(m)) if (typeof v === 'string') total += size(k, v)
  }
  if (kind === 'ConfigMap') {
    const keyAndValue = (k: string, v: string) => k.length + Buffer.byteLength(v)
    each(obj.data, keyAndValue)
    each(obj.binaryData, (k, v) => k.length + Buffer.byteLength(v, 'base64'))
  } else {
    each(obj.data, (_k, v) => Buffer.byteLength(v, 'base64'))
    each(obj.stringData, (_k, v) => Buffer.byteLength(v))
  }
  if (total <= MAX_DATA_BYTES) return
  const meta = isRecord(obj.metadata) ? obj.metadata : {}
  throw invalid(kind, '', typeof meta.name === 'string' ? meta.name : '', [
    {
      field: 'data',
      message: `Too long: must have at most ${MAX_DATA_BYTES} characters`,
      reason: 'FieldValueTooLong',
    },
  ])
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
