import type { KubeObject } from '../../api/types.js'
import type { AuthnPolicySpec } from '../model/istio-types.js'
import { nameOf, nsOf, specOf, type MeshObjects } from '../model/mesh-objects.js'
import type { MeshService, ServicePort } from './service-registry.js'

/** The peer-authentication result for one service port. */
export interface PeerAuthn {
  /** `STRICT`, `PERMISSIVE`, or undefined when the policy asks no mTLS. */
  mtls?: 'STRICT' | 'PERMISSIVE'
  /** The deciding policy as `name/namespace` (or `default/` for the MeshPolicy). */
  policy?: string
}

function targets(p: KubeObject, svc: MeshService, port: ServicePort): boolean {
  const ts = specOf<AuthnPolicySpec>(p).targets ?? []
  return ts.some(
    (t) =>
      t.name === svc.name &&
      (!t.ports?.length ||
        t.ports.some((s) => s.number === port.port || (!!s.name && s.name === port.name)))
  )
}

/**
 * Returns the authentication policy that applies to a service port (service-specific Policy >
 * namespace `default` Policy > MeshPolicy `default`) and the peer mTLS mode it asks for. `mtls:
 * {}` is STRICT (enum 0); `allowTls` is treated as PERMISSIVE.
 */
export function peerAuthn(m: MeshObjects, svc: MeshService, port: ServicePort): PeerAuthn {
  const inNs = m.policies.filter((p) => nsOf(p) === svc.namespace)
  const chosen =
    inNs.find((p) => targets(p, svc, port)) ??
    inNs.find((p) => nameOf(p) === 'default' && !specOf<AuthnPolicySpec>(p).targets?.length) ??
    m.meshPolicies.find((p) => nameOf(p) === 'default')
  if (!chosen) return {}
  const name = `${nameOf(chosen)}/${nsOf(chosen)}`
  const peer = specOf<AuthnPolicySpec>(chosen).peers?.find((x) => x.mtls !== undefined)
  if (!peer) return { policy: name }
  const mode = peer.mtls?.mode === 'PERMISSIVE' || peer.mtls?.allowTls ? 'PERMISSIVE' : 'STRICT'
  return { mtls: mode, policy: name }
}
