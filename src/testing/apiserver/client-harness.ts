import type { KubeObject } from '../../api/types.js'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import {
  createKubeClient,
  inProcessTransport,
  type KubeClient,
  type ResourceRef,
  type Transport,
} from '../../client/index.js'
import { seededIds } from '../../apiserver/registry/index.js'
import type { Obj } from './dig.js'
import { startTestCluster } from './test-cluster.js'

/** The time a client harness's cluster stamps on objects (`2024-05-01T10:00:00Z`). */
export const NOW = new Date('2024-05-01T10:00:00Z')

/** Namespaces (cluster-scoped). */
export const NS: ResourceRef = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }
/** ConfigMaps. */
export const CM: ResourceRef = { apiVersion: 'v1', resource: 'configmaps', namespaced: true }
/** Pods. */
export const PODS: ResourceRef = { apiVersion: 'v1', resource: 'pods', namespaced: true }
/** Services. */
export const SVC: ResourceRef = { apiVersion: 'v1', resource: 'services', namespaced: true }
/** Deployments in apps/v1. */
export const DEPLOY: ResourceRef = {
  apiVersion: 'apps/v1',
  resource: 'deployments',
  namespaced: true,
}
/** Deployments in extensions/v1beta1, the 1.11 default. */
export const EXT_DEPLOY: ResourceRef = {
  apiVersion: 'extensions/v1beta1',
  resource: 'deployments',
  namespaced: true,
}

/** Returns a one-container pod (`nginx:1.15`) with `spec` merged into its spec. */
export function pod(name: string, namespace: string, spec: Obj = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { containers: [{ name: 'c', image: 'nginx:1.15' }], ...spec },
  }
}

/** Returns a two-replica Deployment; only apps/v1 gets an explicit selector. */
export function deployment(name: string, namespace: string, apiVersion = 'apps/v1'): KubeObject {
  const labels = { app: name }
  return {
    apiVersion,
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas: 2,
      ...(apiVersion === 'apps/v1' ? { selector: { matchLabels: labels } } : {}),
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'c', image: 'nginx:1.15' }] },
      },
    },
  }
}

/** A KubeClient (user agent `test`) on a sim cluster whose IDs are seeded and clock is `NOW`. */
export interface ClientHarness {
  /** Usable inside tests and hooks; its requests reach the cluster started for the block. */
  client: KubeClient
  /** Creates and returns a fresh namespace, so tests do not see each other's objects. */
  namespace(): Promise<string>
}

/**
 * Starts a sim cluster before the enclosing `describe` block's tests, stops it after them, and
 * returns a client on it; `namespacePrefix` names the namespaces (`reg` gives `reg-1`, …).
 */
export function useClientHarness(namespacePrefix: string): ClientHarness {
  let cluster: StartedSimCluster | undefined
  let transport: Transport | undefined
  let seq = 0

  before(async () => {
    cluster = await startTestCluster({ ids: seededIds(42, () => NOW) })
    transport = inProcessTransport(cluster.api.handler, 'test')
  })
  after(() => cluster?.stop())

  // The client exists before the cluster does, so it looks the transport up on each request.
  const started = (): Transport => {
    if (!transport) throw new Error('the client harness is used before its cluster started')
    return transport
  }
  const client = createKubeClient(
    {
      request: (r) => started().request(r),
      watch: (r, onEvent, onEnd) => started().watch(r, onEvent, onEnd),
    },
    'test'
  )

  const namespace = async (): Promise<string> => {
    const name = `${namespacePrefix}-${++seq}`
    await client.create<KubeObject>(NS, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
    return name
  }

  return { client, namespace }
}
