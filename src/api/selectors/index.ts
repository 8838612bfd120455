/** @module selectors: label and field selectors as kube-apiserver parses, matches and prints them. */
export {
  LabelSelector,
  Operators,
  newRequirement,
  requirementMatches,
  requirementToString,
  type Operator,
  type Requirement,
} from './label-selector.js'
export { parseLabelSelector } from './parse-label-selector.js'
export {
  labelSelectorFromObject,
  selectorToString,
  type LabelSelectorObject,
  type LabelSelectorRequirementObject,
} from './label-selector-object.js'
export { isQualifiedName, isValidLabelValue, isDns1123Subdomain } from './label-validation.js'
export {
  FieldSelector,
  escapeFieldValue,
  parseFieldSelector,
  type FieldRequirement,
} from './field-selector.js'
export { fieldsOf, fieldSupport, supportedFields, type FieldScope } from './selectable-fields.js'
export {
  fieldLabels,
  fieldValues,
  field,
  pathField,
  OBJECT_META_FIELDS,
  type SelectableField,
} from './selectable-field.js'
