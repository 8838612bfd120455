import type { Pod } from '../api/core-types.js'
import { deepCopy, type KubeObject } from '../api/types.js'
import { validateAnnotations } from './annotations.js'
import { IGNORED_NAMESPACES, injectDecision } from './inject-required.js'
import { applyInjectionPatch, createInjectionPatch, type JsonPatchOp } from './injection-patch.js'
import { injectionStatus } from './injection-status.js'
import type { SidecarInjectorConfig } from './injector-config.js'
import type { MeshConfig } from './mesh-config.js'
import { applyDefaultsWorkaround } from './pod-defaults.js'
import { renderSidecar } from './sidecar-spec.js'

/** The outcome of `injectPod`: the pod to store and why it was (not) injected. */
export interface InjectPodResult {
  injected: boolean
  pod: KubeObject
  reason: string
}

/**
 * Returns the JSON patch the Istio 1.0.0 webhook computes for a pod it has decided to inject:
 * annotations validated, template rendered against the pod as received, Kubernetes defaults
 * applied to the injected objects, previously injected objects removed. Throws the denial message.
 */
export function injectionPatch(
  pod: KubeObject,
  config: SidecarInjectorConfig,
  mesh: MeshConfig
): JsonPatchOp[] {
  validateAnnotations(pod.metadata.annotations)
  const rendered = renderSidecar(config.template, pod.metadata, pod['spec'], mesh)
  const spec = applyDefaultsWorkaround(rendered.spec)
  return createInjectionPatch(pod, injectionStatus(pod.metadata), spec, rendered.status)
}

/**
 * Returns the pod as the Istio 1.0.0 webhook leaves it, without the policy decision: `istio-init`
 * after any init containers, `istio-proxy` last, volumes `istio-envoy`/`istio-certs`, and the
 * `sidecar.istio.io/status` annotation. An already injected pod has its injected objects replaced,
 * not duplicated. Pure: the input is not modified. Throws the denial message on invalid input.
 */
export function inject(
  pod: KubeObject,
  config: SidecarInjectorConfig,
  mesh: MeshConfig
): KubeObject {
  return applyInjectionPatch(pod, injectionPatch(pod, config, mesh))
}

/**
 * Returns the webhook's decision and result for a pod created in `namespace`: skipped pods come
 * back unchanged (a copy), injected ones as `inject()` makes them. Throws the denial message.
 */
export function injectPod(
  pod: KubeObject,
  namespace: string,
  config: SidecarInjectorConfig,
  mesh: MeshConfig
): InjectPodResult {
  const decision = decide(pod, namespace, config)
  if (!decision.required) return { injected: false, pod: deepCopy(pod), reason: decision.reason }
  return { injected: true, pod: inject(pod, config, mesh), reason: decision.reason }
}

/**
 * Returns the injection decision for a pod created in `namespace`. Pods made by controllers reach
 * the webhook without `metadata.namespace`; the request's namespace stands in for it then (later
 * Istio releases do the same; 1.0.0 read only the pod's own field).
 */
export function decide(
  pod: Pod,
  namespace: string,
  config: SidecarInjectorConfig
): { required: boolean; reason: string } {
  const metadata = { ...pod.metadata, namespace: pod.metadata.namespace || namespace }
  return injectDecision({
    ignoredNamespaces: IGNORED_NAMESPACES,
    policy: config.policy,
    podSpec: pod.spec,
    metadata,
  })
}
