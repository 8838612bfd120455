import type { AuthnPolicySpec } from '../model/istio-types.js'

const DNS1123_LABEL = /^[a-zA-Z0-9]([-a-z-A-Z0-9]*[a-zA-Z0-9])?$/

/** Returns the errors of an authentication Policy/MeshPolicy (`ValidateAuthenticationPolicy`). */
export function validateAuthnPolicy(
  name: string,
  namespace: string,
  spec: AuthnPolicySpec
): string[] {
  const out: string[] = []
  const targets = spec.targets ?? []
  if (namespace) {
    if (!targets.length && name !== 'default')
      out.push(
        `authentication policy with no target rules  must be named "default", found "${name}"`
      )
    if (targets.length && name === 'default')
      out.push(`authentication policy with name "${name}" must not have any target rules`)
    for (const t of targets)
      if (!DNS1123_LABEL.test(t.name ?? ''))
        out.push(`target name "${t.name ?? ''}" must be a valid label`)
  } else {
    if (name !== 'default')
      out.push(`cluster-scoped authentication policy name must be "default", found "${name}"`)
    if (targets.length) out.push('cluster-scoped authentication policy must not have targets')
  }
  for (const p of spec.peers ?? []) {
    const mode = p.mtls?.mode
    if (mode !== undefined && mode !== 'STRICT' && mode !== 'PERMISSIVE')
      out.push(`unknown value "${mode}" for enum istio.authentication.v1alpha1.MutualTls_Mode`)
  }
  return out
}
