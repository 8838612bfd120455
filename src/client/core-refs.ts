import type { ResourceRef } from './kube-client.js'

/** Returns a ResourceRef. */
function ref(apiVersion: string, resource: string, namespaced = true): ResourceRef {
  return { apiVersion, resource, namespaced }
}

/**
 * The resources the components read and write (the controllers, the kubelet, the scheduler …;
 * apps/v1 reads extensions/v1beta1 objects too).
 */
export const Refs = {
  pods: ref('v1', 'pods'),
  services: ref('v1', 'services'),
  endpoints: ref('v1', 'endpoints'),
  namespaces: ref('v1', 'namespaces', false),
  nodes: ref('v1', 'nodes', false),
  events: ref('v1', 'events'),
  secrets: ref('v1', 'secrets'),
  serviceAccounts: ref('v1', 'serviceaccounts'),
  configMaps: ref('v1', 'configmaps'),
  persistentVolumeClaims: ref('v1', 'persistentvolumeclaims'),
  deployments: ref('apps/v1', 'deployments'),
  replicaSets: ref('apps/v1', 'replicasets'),
  statefulSets: ref('apps/v1', 'statefulsets'),
  daemonSets: ref('apps/v1', 'daemonsets'),
  controllerRevisions: ref('apps/v1', 'controllerrevisions'),
  jobs: ref('batch/v1', 'jobs'),
  clusterRoleBindings: ref('rbac.authorization.k8s.io/v1', 'clusterrolebindings', false),
} as const satisfies Record<string, ResourceRef>

/** The core/v1 pods resource. */
export const podsRef: ResourceRef = Refs.pods

/** The core/v1 nodes resource. */
export const nodesRef: ResourceRef = Refs.nodes

/** The core/v1 events resource. */
export const eventsRef: ResourceRef = Refs.events
