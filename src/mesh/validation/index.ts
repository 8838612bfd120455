/** @module validation: Galley 1.0's validation of Istio objects, as an admission plugin. */
export {
  IstioValidationPlugin,
  validateIstioObject,
  multiError,
} from './istio-validation-plugin.js'
