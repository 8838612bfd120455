/** @module openapi: /openapi/v2 and (from 1.24) the /openapi/v3 root and per-group/version documents kubectl and helm validate against. */
export {
  openApiGroupVersionBody,
  openApiGroupVersionDoc,
  openApiIndex,
  servesOpenApiV3,
  type OpenApiGroupVersionBody,
  type OpenApiIndex,
} from './openapi-index.js'
export { definitionName, groupVersionKey } from './names.js'
export {
  openApiV2Bodies,
  openApiV2Document,
  wantsOpenApiV2Protobuf,
  OPENAPI_V2_PROTOBUF,
} from './openapi-v2.js'
export { compileFieldPruner, fieldPruner, type FieldPruner } from './field-pruner.js'
