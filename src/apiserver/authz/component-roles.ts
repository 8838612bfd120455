import type { PolicyRule } from './policy-rule.js'

const READ = ['get', 'list', 'watch']
const r = (verbs: string[], apiGroups: string[], resources: string[], names?: string[]) => ({
  verbs,
  apiGroups,
  resources,
  ...(names ? { resourceNames: names } : {}),
})
const EVENTS: PolicyRule = r(['create', 'update', 'patch'], [''], ['events'])

/** kube-apiserver 1.11's `system:kube-controller-manager` ClusterRole (the manager's own identity). */
export const KUBE_CONTROLLER_MANAGER_RULES: PolicyRule[] = [
  EVENTS,
  r(['create'], [''], ['endpoints']),
  r(['get', 'update'], [''], ['endpoints'], ['kube-controller-manager']),
  r(['create'], [''], ['secrets', 'serviceaccounts']),
  r(['delete'], [''], ['secrets']),
  r(['get'], [''], ['namespaces', 'secrets', 'serviceaccounts']),
  r(['update'], [''], ['secrets', 'serviceaccounts']),
  r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
  r(['list', 'watch'], ['*'], ['*']),
]

/** kube-apiserver 1.11's `system:kube-scheduler` ClusterRole. */
export const KUBE_SCHEDULER_RULES: PolicyRule[] = [
  EVENTS,
  r(['create'], [''], ['endpoints']),
  r(['get', 'update', 'patch', 'delete'], [''], ['endpoints'], ['kube-scheduler']),
  r(READ, [''], ['nodes']),
  r(['get', 'list', 'watch', 'delete'], [''], ['pods']),
  r(['create'], [''], ['pods/binding', 'bindings']),
  r(['patch', 'update'], [''], ['pods/status']),
  r(READ, [''], ['services', 'replicationcontrollers']),
  r(READ, ['apps', 'extensions'], ['replicasets']),
  r(READ, ['apps'], ['statefulsets']),
  r(READ, ['policy'], ['poddisruptionbudgets']),
  r(READ, [''], ['persistentvolumeclaims', 'persistentvolumes']),
]

/** kube-apiserver 1.11's `system:node` ClusterRole (NodeRules), which the Node authorizer applies. */
export const NODE_RULES: PolicyRule[] = [
  r(['create'], ['authentication.k8s.io'], ['tokenreviews']),
  r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews', 'localsubjectaccessreviews']),
  r(READ, [''], ['services']),
  r(['create', 'get', 'list', 'watch'], [''], ['nodes']),
  r(['update', 'patch'], [''], ['nodes/status']),
  r(['update', 'patch'], [''], ['nodes']),
  EVENTS,
  r(READ, [''], ['pods']),
  r(['create', 'delete'], [''], ['pods']),
  r(['update', 'patch'], [''], ['pods/status']),
  r(['create'], [''], ['pods/eviction']),
  r(['get'], [''], ['secrets', 'configmaps']),
  r(['get'], [''], ['persistentvolumeclaims', 'persistentvolumes']),
  r(['get'], [''], ['endpoints']),
  r(['create', 'get', 'list', 'watch'], ['certificates.k8s.io'], ['certificatesigningrequests']),
]

/** kube-apiserver 1.11's `system:node-proxier` ClusterRole (bound to the user system:kube-proxy). */
export const NODE_PROXIER_RULES: PolicyRule[] = [
  r(['list', 'watch'], [''], ['services', 'endpoints']),
  r(['get'], [''], ['nodes']),
  EVENTS,
]

const WORKLOADS = ['apps', 'extensions']

/**
 * The `system:controller:<name>` ClusterRoles of 1.11 for the controllers the lab runs, each bound
 * to the ServiceAccount `kube-system/<name>` that kube-controller-manager uses for that controller
 * (`--use-service-account-credentials`, as kubeadm starts it).
 */
export const CONTROLLER_RULES: Record<string, PolicyRule[]> = {
  'daemon-set-controller': [
    r(READ, WORKLOADS, ['daemonsets']),
    r(['update'], WORKLOADS, ['daemonsets/status']),
    r(['update'], WORKLOADS, ['daemonsets/finalizers']),
    r(['list', 'watch'], [''], ['nodes']),
    r(['list', 'watch', 'create', 'delete', 'patch'], [''], ['pods']),
    r(['create'], [''], ['pods/binding']),
    r(
      ['get', 'list', 'watch', 'create', 'delete', 'update', 'patch'],
      ['apps'],
      ['controllerrevisions']
    ),
    EVENTS,
  ],
  'deployment-controller': [
    r(['get', 'list', 'watch', 'update'], WORKLOADS, ['deployments']),
    r(['update'], WORKLOADS, ['deployments/status']),
    r(['update'], WORKLOADS, ['deployments/finalizers']),
    r(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'], WORKLOADS, ['replicasets']),
    r(['get', 'list', 'watch', 'update'], [''], ['pods']),
    EVENTS,
  ],
  'endpoint-controller': [
    r(READ, [''], ['services', 'pods']),
    r(['get', 'list', 'create', 'update', 'delete'], [''], ['endpoints']),
    r(['create'], [''], ['endpoints/restricted']),
    EVENTS,
  ],
  'generic-garbage-collector': [
    r(['get', 'list', 'watch', 'patch', 'update', 'delete'], ['*'], ['*']),
  ],
  'job-controller': [
    r(['get', 'list', 'watch', 'update', 'patch'], ['batch'], ['jobs']),
    r(['update'], ['batch'], ['jobs/status']),
    r(['update'], ['batch'], ['jobs/finalizers']),
    r(['list', 'watch', 'create', 'delete', 'patch'], [''], ['pods']),
    EVENTS,
  ],
  'namespace-controller': [
    r(['get', 'list', 'watch', 'delete'], [''], ['namespaces']),
    r(['update'], [''], ['namespaces/finalize', 'namespaces/status']),
    r(['get', 'list', 'delete', 'deletecollection'], ['*'], ['*']),
  ],
  'node-controller': [
    r(['get', 'list', 'update', 'delete', 'patch'], [''], ['nodes']),
    r(['patch', 'update'], [''], ['nodes/status']),
    // Pod eviction: the node lifecycle controller PUTs a pod's status (UpdateStatus).
    r(['update'], [''], ['pods/status']),
    r(['list', 'delete'], [''], ['pods']),
    EVENTS,
  ],
  'replicaset-controller': [
    r(['get', 'list', 'watch', 'update'], WORKLOADS, ['replicasets']),
    r(['update'], WORKLOADS, ['replicasets/status']),
    r(['update'], WORKLOADS, ['replicasets/finalizers']),
    r(['list', 'watch', 'patch', 'create', 'delete'], [''], ['pods']),
    EVENTS,
  ],
  'service-account-controller': [r(['create'], [''], ['serviceaccounts']), EVENTS],
  'statefulset-controller': [
    r(['list', 'watch'], [''], ['pods']),
    r(['get', 'create', 'delete', 'update', 'patch'], [''], ['pods']),
    r(['list', 'watch'], ['apps'], ['statefulsets']),
    r(['get'], ['apps'], ['statefulsets']),
    r(['update'], ['apps'], ['statefulsets/status']),
    r(['update'], ['apps'], ['statefulsets/finalizers']),
    r(['get', 'create'], [''], ['persistentvolumeclaims']),
    r(
      ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      ['apps'],
      ['controllerrevisions']
    ),
    EVENTS,
  ],
}
