import type { KubeObject } from '../api/types.js'
import { decide, injectionPatch } from './inject.js'
import type { JsonPatchOp } from './injection-patch.js'
import type { SidecarInjectorConfig } from './injector-config.js'
import type { MeshConfig } from './mesh-config.js'

/** The part of an `admission.k8s.io/v1beta1` AdmissionReview the injector reads. */
export interface InjectorReview {
  request: {
    uid?: string
    operation: string
    namespace: string
    object: KubeObject
  }
}

/** The injector's AdmissionResponse: allowed with an optional JSON patch, or denied with a message. */
export interface InjectorResponse {
  uid?: string
  allowed: boolean
  patch?: JsonPatchOp[]
  patchType?: 'JSONPatch'
  /** Set on denial, as `AdmissionResponse.result` (JSON `status`) carries it. */
  status?: { message: string }
  /** Why the pod was or was not injected (not part of the wire response; for logs and events). */
  reason: string
}

/** The injector's current configuration, read from its ConfigMaps. */
export interface InjectorState {
  config: SidecarInjectorConfig
  mesh: MeshConfig
}

/**
 * Returns the behaviour of the `istio-sidecar-injector` webhook (Istio 1.0.0 `webhook.go`
 * `inject`): it reads the configuration for every review, so a ConfigMap edit changes what the
 * next pod gets. Skipped pods are allowed unchanged; injected pods get a JSON patch; a template or
 * annotation error denies the pod. A failing `readConfig` rejects, which the caller treats as a
 * failed webhook call (its `failurePolicy` decides).
 */
export function sidecarInjectorBehaviour(
  readConfig: () => Promise<InjectorState>
): (review: InjectorReview) => Promise<InjectorResponse> {
  return async (review) => {
    const { uid, operation, namespace, object: pod } = review.request
    const base = uid === undefined ? {} : { uid }
    if (operation !== 'CREATE' || (pod.kind !== undefined && pod.kind !== 'Pod')) {
      return {
        ...base,
        allowed: true,
        reason: `not a pod creation (${operation} ${pod.kind ?? '?'})`,
      }
    }
    const { config, mesh } = await readConfig()
    const decision = decide(pod, namespace, config)
    if (!decision.required) return { ...base, allowed: true, reason: decision.reason }
    try {
      const patch = injectionPatch(pod, config, mesh)
      return { ...base, allowed: true, patch, patchType: 'JSONPatch', reason: decision.reason }
    } catch (err) {
      const message = (err as Error).message
      return { ...base, allowed: false, status: { message }, reason: `denied: ${message}` }
    }
  }
}
