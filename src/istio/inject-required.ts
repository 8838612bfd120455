import type { ObjectMeta } from '../api/types.js'
import { Annotations } from './annotations.js'
import { InjectionPolicies } from './injector-config.js'

/** Namespaces the Istio 1.0 webhook never injects into (`ignoredNamespaces` in initializer.go). */
export const IGNORED_NAMESPACES: readonly string[] = ['kube-system', 'kube-public']

/** The inputs of the injection decision. */
export interface InjectRequiredOptions {
  ignoredNamespaces: readonly string[]
  policy: string
  podSpec: { hostNetwork?: boolean } | undefined
  metadata: ObjectMeta | undefined
}

/** The decision and a one-line reason a log or report can show. */
export interface InjectDecision {
  required: boolean
  reason: string
}

/**
 * Returns Istio 1.0.0's `injectRequired` decision with its reason, checked in the same order:
 * hostNetwork, ignored namespaces, then the `sidecar.istio.io/inject` annotation against the policy.
 */
export function injectDecision(opts: InjectRequiredOptions): InjectDecision {
  const { policy, podSpec, metadata } = opts
  if (podSpec?.hostNetwork === true) return { required: false, reason: 'pod uses host networking' }
  const ns = metadata?.namespace ?? ''
  if (opts.ignoredNamespaces.includes(ns))
    return { required: false, reason: `namespace ${ns} is never injected` }

  const raw = metadata?.annotations?.[Annotations.Inject] ?? ''
  // Values follow http://yaml.org/type/bool.html's "true" spellings; anything else non-empty is "no".
  const useDefault = raw === ''
  const inject = ['y', 'yes', 'true', 'on'].includes(raw.toLowerCase())
  const said = useDefault
    ? 'no inject annotation'
    : `annotation ${Annotations.Inject}=${JSON.stringify(raw)}`

  switch (policy) {
    case InjectionPolicies.Enabled:
      return { required: useDefault || inject, reason: `policy enabled, ${said}` }
    case InjectionPolicies.Disabled:
      return { required: !useDefault && inject, reason: `policy disabled, ${said}` }
    default:
      // 1.0.0 falls to `default: required = false` without a log line; 1.1 logs an error.
      return { required: false, reason: `unknown injection policy ${JSON.stringify(policy)}` }
  }
}

/** Returns whether Istio 1.0.0's webhook injects a sidecar into this pod. */
export function injectRequired(opts: InjectRequiredOptions): boolean {
  return injectDecision(opts).required
}
