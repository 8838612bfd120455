import type { Endpoints, Pod, Service } from '../../api/core-types.js'
import type { KubeObject } from '../../api/types.js'
import { defaultMeshConfig, type MeshConfig } from '../../istio/index.js'

/**
 * Everything Pilot, Mixer and Citadel read: the Kubernetes and Istio objects of the mesh as the
 * API server holds them, plus the decoded mesh config (ConfigMap `istio`, key `mesh`).
 */
export interface MeshObjects {
  services: Service[]
  endpoints: Endpoints[]
  pods: Pod[]
  virtualServices: KubeObject[]
  destinationRules: KubeObject[]
  gateways: KubeObject[]
  serviceEntries: KubeObject[]
  policies: KubeObject[]
  meshPolicies: KubeObject[]
  /** config.istio.io/v1alpha2 objects (memquota, quota, QuotaSpec, QuotaSpecBinding, rule, …). */
  mixer: KubeObject[]
  meshConfig: MeshConfig
}

/** Returns a mesh with no objects and the default mesh config. */
export function emptyMeshObjects(meshConfig: MeshConfig = defaultMeshConfig()): MeshObjects {
  return {
    services: [],
    endpoints: [],
    pods: [],
    virtualServices: [],
    destinationRules: [],
    gateways: [],
    serviceEntries: [],
    policies: [],
    meshPolicies: [],
    mixer: [],
    meshConfig,
  }
}

/** Returns the `spec` of an object as a loosely typed record. */
export function specOf<T = Record<string, unknown>>(o: KubeObject): T {
  return (o.spec ?? {}) as T
}

/** Returns an object's namespace (`''` for cluster-scoped). */
export function nsOf(o: KubeObject): string {
  return o.metadata.namespace ?? ''
}

/** Returns an object's name (`''` when unset). */
export function nameOf(o: KubeObject): string {
  return o.metadata.name ?? ''
}
