/** @module istio: Istio 1.0.0 sidecar injection as pure functions, its webhook adapter and kube-inject. */
export { Annotations, validateAnnotations } from './annotations.js'
export { canonicalGoDuration, formatGoDuration, parseGoDuration } from './go-duration.js'
export {
  parseGoTemplate,
  renderGoTemplate,
  type GoTemplate,
  type GoTemplateOptions,
} from './go-template.js'
export { decide, inject, injectionPatch, injectPod, type InjectPodResult } from './inject.js'
export {
  IGNORED_NAMESPACES,
  injectDecision,
  injectRequired,
  type InjectDecision,
  type InjectRequiredOptions,
} from './inject-required.js'
export {
  applyInjectionPatch,
  createInjectionPatch,
  escapeJsonPointer,
  type JsonPatchOp,
} from './injection-patch.js'
export {
  formatInjectionStatus,
  injectionStatus,
  LEGACY_INJECTED,
  type SidecarInjectionStatus,
} from './injection-status.js'
export {
  InjectionPolicies,
  parseInjectorConfig,
  parseInjectorConfigMap,
  type SidecarInjectorConfig,
} from './injector-config.js'
export { kubeInject, kubeInjectYaml, type KubeInjectResult } from './kube-inject.js'
export { injectorStateOf, manifestObjects } from './manifest.js'
export {
  defaultMeshConfig,
  defaultProxyConfig,
  parseMeshConfig,
  parseMeshConfigMap,
  type MeshConfig,
  type ProxyConfig,
} from './mesh-config.js'
export { applyDefaultsWorkaround } from './pod-defaults.js'
export {
  renderSidecar,
  sidecarTemplateVersionHash,
  TEMPLATE_DELIMS,
  type RenderedSidecar,
  type SidecarInjectionSpec,
} from './sidecar-spec.js'
export {
  sidecarInjectorBehaviour,
  type InjectorResponse,
  type InjectorReview,
  type InjectorState,
} from './webhook.js'
