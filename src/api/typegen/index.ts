/** @module typegen: generates src/api/core-types.ts, the core kinds' TypeScript types, from the OpenAPI data. */
export {
  API_TYPES_FILES,
  changedTypes,
  generateApiTypes,
  readReleaseDefinitions,
  readTypeDescriptions,
  type ApiTypesInput,
} from './generate-api-types.js'
export { CORE_KINDS, MAPPED_DEFINITIONS, type MappedDefinition } from './core-kinds.js'
export {
  buildTypeModel,
  schemaType,
  type ReleaseDefinitions,
  type TypeModel,
} from './type-model.js'
