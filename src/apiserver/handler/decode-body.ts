import { parse as parseYaml } from 'yaml'
import { badRequest, unsupportedMediaType } from '../../api/errors.js'
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
  if (req.body === undefined || req.body === null) throw badRequest('the body of the request was empty')
  if (!Buffer.isBuffer(req.body)) return req.body
  const mt = mediaType(req.headers['content-type'])
  if (isProtobufContentType(mt)) return decodeProtobufBody(req.body).object
  if (req.body.length === 0) throw badRequest('the body of the request was empty')
  if (mt === '' || mt === 'application/json' || mt === '*/*') return parseJson(req.body)
  if (mt === 'application/yaml' || mt === 'application/apply-patch+yaml') return parseYamlBody(req.body)
  throw unsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${ACCEPTED}`)
}

/** Returns the parsed JSON of a buffer, or throws 400 with the parser's message. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(text(body))
  } catch (err) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(err as Error).message}`)
  }
}

/** Returns the parsed YAML (or JSON) of a buffer, or throws 400. */
export function parseYamlBody(body: Buffer): unknown {
  try {
    return parseYaml(text(body), { maxAliasCount: 100 })
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message.split('\n')[0]}`)
  }
}
