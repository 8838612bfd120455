import type { ResourceCatalog } from '../../api/resources/index.js'
import type { MemoryStore } from '../storage/index.js'
import type { AdmissionChain } from '../admission/index.js'

/** Hermetic sources of time and identity, injected so tests and seeds can make runs reproducible. */
export interface Ids {
  /** Returns the current time. */
  now(): Date
  /** Returns a new UID. */
  uid(): string
  /** Returns `n` random characters from Kubernetes' name-suffix alphabet. */
  suffix(n: number): string
  /** Returns a random integer in [0, max). */
  int(max: number): number
}

/** What every registry operation needs: the store, the catalogue, admission and ids. */
export interface RegistryContext {
  store: MemoryStore
  catalog: ResourceCatalog
  admission: AdmissionChain
  ids: Ids
  /** The service subnet for ClusterIP allocation (`10.96.0.0/12`). */
  serviceSubnet: string
  /** The NodePort range, inclusive. */
  nodePortRange: [number, number]
}
