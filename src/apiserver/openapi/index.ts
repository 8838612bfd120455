/** @module openapi: the OpenAPI v3 root and per-group/version documents kubectl and helm validate against. */
export {
  openApiGroupVersionBody,
  openApiGroupVersionDoc,
  openApiIndex,
  type OpenApiGroupVersionBody,
  type OpenApiIndex,
} from './openapi-index.js'
export { definitionName, groupVersionKey } from './names.js'
