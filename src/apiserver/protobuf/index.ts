/**
 * @module protobuf: decodes the Kubernetes protobuf request bodies kubectl and helm send
 * (`k8s\0` + runtime.Unknown) into the JSON objects their JSON form would have carried.
 *
 * Supported: v1 Namespace, Secret, ConfigMap, ServiceAccount; apps/v1 Deployment;
 * authorization.k8s.io/v1 SelfSubjectAccessReview; DeleteOptions under any group version.
 * Other kinds → 415, malformed bodies → 400. Zero-valued non-pointer fields, which gogo always
 * writes, are dropped; pointer fields keep explicit zeros (see message-to-json.ts); fields not
 * declared under ./proto are skipped.
 */
export { decodeProtobufBody, type DecodedProtobufBody } from './decode-protobuf-body.js'
export { PROTOBUF_CONTENT_TYPE, isProtobufContentType } from './content-type.js'
