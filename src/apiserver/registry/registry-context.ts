import type { ResourceCatalog } from '../../api/resources/index.js'
import type { MemoryStore } from '../storage/index.js'
import type { AdmissionChain } from '../admission/index.js'

/** Hermetic sources of time and identity, injected so tests and seeds can make runs reproducible. */
export interface Ids {
  /** Returns the current time. */
  now(): Date
  /** Returns a new UID (`key` names the object, so a seeded run need not depend on write order). */
  uid(key?: string): string
  /** Returns `n` random characters from Kubernetes' name-suffix alphabet (`key`: the generateName). */
  suffix(n: number, key?: string): string
  /** Returns a random integer in [0, max) (`key`: what it is for). */
  int(max: number, key?: string): number
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
