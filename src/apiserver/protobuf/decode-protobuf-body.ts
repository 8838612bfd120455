import { badRequest, unsupportedMediaType } from '../../api/errors.js'
import { isProtobufContentType } from './content-type.js'
import { messageToJson } from './message-to-json.js'
import { errorText, readEnvelope } from './read-envelope.js'
import { loadSchema, messageNameFor } from './schema.js'

/** A protobuf request body turned into the object its JSON form would have carried. */
export interface DecodedProtobufBody {
  apiVersion: string
  kind: string
  /** The object with `apiVersion` and `kind` set from the envelope's typeMeta. */
  object: Record<string, unknown>
}

const ACCEPTED = 'accepted media types include: application/json, application/yaml'

/**
 * Returns the JSON object a Kubernetes protobuf body (`k8s\0` + runtime.Unknown) carries.
 * Throws a 415 StatusError for kinds the lab cannot decode and a 400 for malformed bodies.
 */
export function decodeProtobufBody(body: Uint8Array): DecodedProtobufBody {
  const envelope = readEnvelope(body)
  const { apiVersion, kind } = envelope
  const gvk = `${apiVersion}, Kind=${kind}`
  if (envelope.contentEncoding !== '') {
    throw unsupported(`content encoding "${envelope.contentEncoding}" of "${gvk}"`)
  }
  if (envelope.contentType !== '' && !isProtobufContentType(envelope.contentType)) {
    throw unsupported(`an embedded "${envelope.contentType}" body of "${gvk}"`)
  }
  const messageName = messageNameFor(apiVersion, kind)
  if (messageName === undefined) throw unsupported(`"${gvk}"`)
  const type = loadSchema().lookupType(messageName)
  let fields: Record<string, unknown>
  try {
    fields = messageToJson(type, type.decode(envelope.raw))
  } catch (err) {
    throw badRequest(`failed to decode "${gvk}" from protobuf: ${errorText(err)}`)
  }
  return { apiVersion, kind, object: { apiVersion, kind, ...fields } }
}

function unsupported(what: string) {
  return unsupportedMediaType(
    `the body of the request was in an unknown format - ${ACCEPTED} ` +
      `(protobuf decoding of ${what} is not supported by the lab)`
  )
}
