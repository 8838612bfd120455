// Istio 1.0's decision whether the sidecar injector adds istio-proxy to a new pod (injectRequired in
// pilot/pkg/kube/inject/inject.go at 1.0.0), and the injector ConfigMap's policy.
import { parse } from 'yaml'

/** The injector policies of Istio 1.0 (the `policy` of the istio-sidecar-injector ConfigMap). */
export const INJECTOR_POLICIES = ['disabled', 'enabled'] as const

/** An injector policy. */
export type InjectorPolicy = (typeof INJECTOR_POLICIES)[number]

/** The pod annotation that overrides the policy. */
export const INJECT_ANNOTATION = 'sidecar.istio.io/inject'

/** The pod annotation the injector writes on the pods it injects. */
export const STATUS_ANNOTATION = 'sidecar.istio.io/status'

/** The namespace label the webhook's namespaceSelector matches (`istio-injection=enabled`). */
export const INJECTION_LABEL = 'istio-injection'

/** What decides whether one pod gets a sidecar. */
export interface InjectionInput {
  policy: string
  /** The namespace's istio-injection label; the webhook is only called for `enabled`. */
  namespaceLabel: string | undefined
  /** The pod's sidecar.istio.io/inject annotation (from its template); null/undefined: none. */
  annotation: string | null | undefined
  namespace?: string
  hostNetwork?: boolean
}

/**
 * Returns whether Istio 1.0 injects a pod: the namespace must be labelled
 * `istio-injection=enabled` and be neither kube-system nor kube-public, the pod must not use the
 * host network; then `y|yes|true|on` (any case) injects, any other non-empty annotation does not,
 * and a missing or empty one follows the policy (`enabled` injects; any other policy does not).
 */
export function injectRequired(input: InjectionInput): boolean {
  if (input.namespaceLabel !== 'enabled') return false
  if (input.namespace === 'kube-system' || input.namespace === 'kube-public') return false
  if (input.hostNetwork) return false
  const annotation = (input.annotation ?? '').toLowerCase()
  if (annotation !== '') return ['y', 'yes', 'true', 'on'].includes(annotation)
  return input.policy === 'enabled'
}

/**
 * Returns the `policy` of an istio-sidecar-injector ConfigMap's `config` text: undefined when
 * the text or its policy is absent, `<unreadable>` when the text is not YAML.
 */
export function injectorPolicyOf(config: string | undefined): string | undefined {
  if (config === undefined) return undefined
  try {
    const doc: unknown = parse(config)
    if (doc && typeof doc === 'object' && 'policy' in doc) return String(doc.policy)
  } catch {
    return '<unreadable>'
  }
  return undefined
}

/** Returns whether a string is an InjectorPolicy. */
export function isInjectorPolicy(text: string | undefined): text is InjectorPolicy {
  return (INJECTOR_POLICIES as readonly string[]).includes(text ?? '')
}
