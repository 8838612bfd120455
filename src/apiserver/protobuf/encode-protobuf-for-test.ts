import { PROTOBUF_MAGIC } from './read-envelope.js'
import { loadSchema, messageNameFor, UNKNOWN_MESSAGE } from './schema.js'

/** Options of encodeProtobufForTest. */
export interface EncodeForTestOptions {
  /** Message to encode `fields` with; defaults to the one the lab maps apiVersion/kind to. */
  messageName?: string
  contentType?: string
  contentEncoding?: string
  /** Bytes to carry as `raw` instead of encoding `fields`. */
  raw?: Uint8Array
}

/**
 * Returns a protobuf body (magic + runtime.Unknown) for fields given in protobufjs object form
 * (`{ seconds: 1 }` for a Time, `{ type: 1, strVal: '25%' }` for an IntOrString). Every field
 * passed is written, zeros included, as gogo does for non-pointer fields. For tests only.
 */
export function encodeProtobufForTest(
  apiVersion: string,
  kind: string,
  fields: Record<string, unknown>,
  options: EncodeForTestOptions = {}
): Buffer {
  const root = loadSchema()
  const messageName = options.messageName ?? messageNameFor(apiVersion, kind)
  const raw =
    options.raw ??
    (messageName === undefined
      ? new Uint8Array(0)
      : root
          .lookupType(messageName)
          .encode(root.lookupType(messageName).fromObject(fields))
          .finish())
  const unknown = root.lookupType(UNKNOWN_MESSAGE)
  const envelope = unknown
    .encode(
      unknown.fromObject({
        typeMeta: { apiVersion, kind },
        raw,
        contentEncoding: options.contentEncoding ?? '',
        contentType: options.contentType ?? '',
      })
    )
    .finish()
  return Buffer.concat([PROTOBUF_MAGIC, envelope])
}
