/**
 * @module protobuf: decodes the Kubernetes protobuf request bodies kubectl and helm send
 * (`k8s\0` + runtime.Unknown) into the JSON objects their JSON form would have carried.
 *
 * Supported: every top-level kind of the built-in API groups the lab serves (declarations
 * generated from upstream under ./proto/api by scripts/gen-protobuf-schema.ts) and DeleteOptions
 * under any group version. Custom resources and non-object messages → 415, malformed bodies → 400. Zero-valued non-pointer fields, which gogo always
 * writes, are dropped; pointer fields keep explicit zeros (see message-to-json.ts); fields not
 * declared under ./proto are skipped.
 */
export { decodeProtobufBody, type DecodedProtobufBody } from './decode-protobuf-body.js'
export { PROTOBUF_CONTENT_TYPE, isProtobufContentType } from './content-type.js'
