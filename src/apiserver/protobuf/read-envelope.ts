import { badRequest } from '../../api/errors.js'
import { loadSchema, UNKNOWN_MESSAGE } from './schema.js'

/** The 4-byte prefix of every Kubernetes protobuf body: `k8s` and a NUL byte. */
export const PROTOBUF_MAGIC: Readonly<Uint8Array> = Uint8Array.of(0x6b, 0x38, 0x73, 0x00)

/** The runtime.Unknown envelope that follows the magic. */
export interface ProtobufEnvelope {
  apiVersion: string
  kind: string
  /** The typed object's bytes. */
  raw: Uint8Array
  contentEncoding: string
  contentType: string
}

interface UnknownMessage {
  typeMeta?: { apiVersion?: string; kind?: string }
  raw?: Uint8Array
  contentEncoding?: string
  contentType?: string
}

/** Returns the envelope of a protobuf body; throws a 400 StatusError when it is not one. */
export function readEnvelope(body: Uint8Array): ProtobufEnvelope {
  if (body.length < PROTOBUF_MAGIC.length || PROTOBUF_MAGIC.some((b, i) => body[i] !== b)) {
    // The apiserver's wording (k8s.io/apimachinery/pkg/runtime/serializer/protobuf).
    throw badRequest(
      'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]'
    )
  }
  const type = loadSchema().lookupType(UNKNOWN_MESSAGE)
  let unknown: UnknownMessage
  try {
    unknown = type.decode(body.subarray(PROTOBUF_MAGIC.length)) as unknown as UnknownMessage
  } catch (err) {
    throw badRequest(`failed to decode the protobuf envelope: ${errorText(err)}`)
  }
  const envelope: ProtobufEnvelope = {
    apiVersion: unknown.typeMeta?.apiVersion ?? '',
    kind: unknown.typeMeta?.kind ?? '',
    raw: unknown.raw ?? new Uint8Array(0),
    contentEncoding: unknown.contentEncoding ?? '',
    contentType: unknown.contentType ?? '',
  }
  if (envelope.kind === '') {
    throw badRequest("Object 'Kind' is missing in the protobuf body")
  }
  return envelope
}

/** Returns the message of an unknown thrown value. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
