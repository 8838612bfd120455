import { setMaxListeners } from 'node:events'
import type { KubeObject } from '../api/types.js'
import type { KubeClient, ResourceRef } from '../client/index.js'
import { Informer } from '../client/index.js'
import { defaultMeshConfig, parseMeshConfigMap, type MeshConfig } from '../istio/index.js'
import type { Clock } from '../util/index.js'
import { emptyMeshObjects, type MeshObjects } from './model/mesh-objects.js'

const ref = (apiVersion: string, resource: string, namespaced = true): ResourceRef => ({
  apiVersion,
  resource,
  namespaced,
})

/** The resources the mesh watches, by the MeshObjects field they fill. */
export const MESH_RESOURCES = {
  services: ref('v1', 'services'),
  endpoints: ref('v1', 'endpoints'),
  pods: ref('v1', 'pods'),
  virtualServices: ref('networking.istio.io/v1alpha3', 'virtualservices'),
  destinationRules: ref('networking.istio.io/v1alpha3', 'destinationrules'),
  gateways: ref('networking.istio.io/v1alpha3', 'gateways'),
  serviceEntries: ref('networking.istio.io/v1alpha3', 'serviceentries'),
  policies: ref('authentication.istio.io/v1alpha1', 'policies'),
  meshPolicies: ref('authentication.istio.io/v1alpha1', 'meshpolicies', false),
} as const

/** The config.istio.io kinds Mixer's policy path reads. */
export const MIXER_RESOURCES = [
  'memquotas',
  'quotas',
  'quotaspecs',
  'quotaspecbindings',
  'rules',
  'deniers',
  'listcheckers',
  'listentries',
  'checknothings',
].map((r) => ref('config.istio.io/v1alpha2', r))

/** Where the mesh's objects come from: a version that changes with them, and the objects. */
export interface MeshSource {
  version(): number
  objects(): MeshObjects
}

/** Returns a fixed source (tests, istioctl on a snapshot of objects). */
export function staticMeshSource(m: MeshObjects): MeshSource {
  return { version: () => 0, objects: () => m }
}

/**
 * Watches the mesh's objects through informers (an API client like every component): Services,
 * Endpoints, pods, the Istio networking/authentication objects, Mixer's config and the `istio`
 * ConfigMap. Informers of kinds whose CRD is not installed yet keep retrying.
 */
export class MeshWatcher implements MeshSource {
  private informers = new Map<string, Informer>()
  private meshCm: Informer
  private mixer: Informer[] = []
  private ver = 0
  private built = -1
  private cached: MeshObjects = emptyMeshObjects()
  private abort = new AbortController()

  constructor(client: KubeClient, clock: Clock, istioNamespace = 'istio-system') {
    const bump = { add: () => this.ver++, update: () => this.ver++, delete: () => this.ver++ }
    for (const [field, r] of Object.entries(MESH_RESOURCES))
      this.informers.set(field, new Informer(client, r, clock).on(bump))
    this.meshCm = new Informer(client, ref('v1', 'configmaps'), clock, {
      namespace: istioNamespace,
      fieldSelector: 'metadata.name=istio',
    }).on(bump)
    this.mixer = MIXER_RESOURCES.map((r) => new Informer(client, r, clock).on(bump))
  }

  /** Starts every informer; resolves when the core kinds (Services, Endpoints, pods) have synced. */
  async start(): Promise<void> {
    const s = this.abort.signal
    // One signal stops every informer (each adds its own abort listener).
    setMaxListeners(0, s)
    const all = [...this.informers.values(), this.meshCm, ...this.mixer]
    const core = ['services', 'endpoints', 'pods'].map((f) => this.informers.get(f)!.start(s))
    for (const i of all)
      if (!['services', 'endpoints', 'pods'].some((f) => this.informers.get(f) === i))
        void i.start(s)
    await Promise.all(core)
  }

  /** Stops watching. */
  stop(): void {
    this.abort.abort()
  }

  /** Returns a number that changes whenever a watched object does. */
  version(): number {
    return this.ver
  }

  // The mesh ConfigMap object last parsed, and what it said.
  private meshCmSeen: object | undefined
  private meshConfig: MeshConfig | undefined

  /** Returns the current objects (rebuilt only after a change). */
  objects(): MeshObjects {
    if (this.built === this.ver) return this.cached
    const list = (f: keyof typeof MESH_RESOURCES): KubeObject[] => this.informers.get(f)!.list()
    const cm = this.meshCm.list()[0] as unknown as { data?: Record<string, string> } | undefined
    // Parsed again only when the ConfigMap changed (the informer replaces its object on every
    // change), not on every pod or endpoint change that rebuilds the rest.
    if (cm !== this.meshCmSeen || !this.meshConfig) {
      this.meshCmSeen = cm
      this.meshConfig = defaultMeshConfig()
      try {
        if (cm?.data) this.meshConfig = parseMeshConfigMap(cm.data)
      } catch {
        // A broken mesh ConfigMap: Pilot keeps the defaults (it logs and goes on).
      }
    }
    const meshConfig = this.meshConfig
    this.cached = {
      services: list('services'),
      endpoints: list('endpoints'),
      pods: list('pods'),
      virtualServices: list('virtualServices'),
      destinationRules: list('destinationRules'),
      gateways: list('gateways'),
      serviceEntries: list('serviceEntries'),
      policies: list('policies'),
      meshPolicies: list('meshPolicies'),
      mixer: this.mixer.flatMap((i) => i.list()),
      meshConfig,
    }
    this.built = this.ver
    return this.cached
  }
}
