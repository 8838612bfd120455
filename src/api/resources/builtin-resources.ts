import { ALL_VERBS, type ResourceInfo, type SubresourceInfo } from './resource-info.js'
import type { KubeVersion } from './kube-version.js'

/** A [first, last] minor-version range of Kubernetes 1.x in which a group/version served a resource. */
type Served = [version: string, from: number, until: number]

interface BuiltinKind {
  group: string
  kind: string
  resource: string
  namespaced: boolean
  shortNames?: string[]
  /** `all` where kube-apiserver puts the resource in the "all" category. */
  all?: boolean
  verbs?: string[]
  /** Subresource name → kind (group/version are the parent's unless given). */
  sub?: Record<string, string | [kind: string, group: string, version: string]>
  served: Served[]
  /** Storage key when objects are shared with another group (`deployments`). */
  storage?: string
}

const LAST = 99
const CREATE_ONLY = ['create']
const SCALE: [string, string, string] = ['Scale', 'autoscaling', 'v1']

// Which group/versions served what, by Kubernetes minor version (1.x). Sources: the deprecation
// guide (https://kubernetes.io/docs/reference/using-api/deprecation-guide/) and the 1.11 API reference.
const BUILTIN: BuiltinKind[] = [
  {
    group: '',
    kind: 'Pod',
    resource: 'pods',
    namespaced: true,
    shortNames: ['po'],
    all: true,
    sub: {
      status: 'Pod',
      log: 'Pod',
      binding: 'Binding',
      eviction: ['Eviction', 'policy', 'v1beta1'],
    },
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'Service',
    resource: 'services',
    namespaced: true,
    shortNames: ['svc'],
    all: true,
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    sub: { status: 'Service', proxy: 'ServiceProxyOptions' },
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'ReplicationController',
    resource: 'replicationcontrollers',
    namespaced: true,
    shortNames: ['rc'],
    all: true,
    sub: { status: 'ReplicationController', scale: SCALE },
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'Endpoints',
    resource: 'endpoints',
    namespaced: true,
    shortNames: ['ep'],
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'Namespace',
    resource: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    sub: { status: 'Namespace', finalize: 'Namespace' },
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'Node',
    resource: 'nodes',
    namespaced: false,
    shortNames: ['no'],
    sub: { status: 'Node', proxy: 'NodeProxyOptions' },
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'ConfigMap',
    resource: 'configmaps',
    namespaced: true,
    shortNames: ['cm'],
    served: [['v1', 0, LAST]],
  },
  { group: '', kind: 'Secret', resource: 'secrets', namespaced: true, served: [['v1', 0, LAST]] },
  {
    group: '',
    kind: 'ServiceAccount',
    resource: 'serviceaccounts',
    namespaced: true,
    shortNames: ['sa'],
    sub: { token: ['TokenRequest', 'authentication.k8s.io', 'v1'] },
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'Event',
    resource: 'events',
    namespaced: true,
    shortNames: ['ev'],
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'PersistentVolume',
    resource: 'persistentvolumes',
    namespaced: false,
    shortNames: ['pv'],
    sub: { status: 'PersistentVolume' },
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'PersistentVolumeClaim',
    resource: 'persistentvolumeclaims',
    namespaced: true,
    shortNames: ['pvc'],
    sub: { status: 'PersistentVolumeClaim' },
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'LimitRange',
    resource: 'limitranges',
    namespaced: true,
    shortNames: ['limits'],
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'ResourceQuota',
    resource: 'resourcequotas',
    namespaced: true,
    shortNames: ['quota'],
    sub: { status: 'ResourceQuota' },
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'PodTemplate',
    resource: 'podtemplates',
    namespaced: true,
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'ComponentStatus',
    resource: 'componentstatuses',
    namespaced: false,
    shortNames: ['cs'],
    verbs: ['get', 'list'],
    served: [['v1', 0, LAST]],
  },
  {
    group: '',
    kind: 'Binding',
    resource: 'bindings',
    namespaced: true,
    verbs: CREATE_ONLY,
    served: [['v1', 0, LAST]],
  },

  {
    group: 'apps',
    kind: 'Deployment',
    resource: 'deployments',
    namespaced: true,
    shortNames: ['deploy'],
    all: true,
    sub: { status: 'Deployment', scale: SCALE },
    storage: 'deployments',
    served: [
      ['v1', 9, LAST],
      ['v1beta2', 8, 15],
      ['v1beta1', 6, 15],
    ],
  },
  {
    group: 'apps',
    kind: 'ReplicaSet',
    resource: 'replicasets',
    namespaced: true,
    shortNames: ['rs'],
    all: true,
    sub: { status: 'ReplicaSet', scale: SCALE },
    storage: 'replicasets',
    served: [
      ['v1', 9, LAST],
      ['v1beta2', 8, 15],
    ],
  },
  {
    group: 'apps',
    kind: 'StatefulSet',
    resource: 'statefulsets',
    namespaced: true,
    shortNames: ['sts'],
    all: true,
    sub: { status: 'StatefulSet', scale: SCALE },
    served: [
      ['v1', 9, LAST],
      ['v1beta2', 8, 15],
      ['v1beta1', 5, 15],
    ],
  },
  {
    group: 'apps',
    kind: 'DaemonSet',
    resource: 'daemonsets',
    namespaced: true,
    shortNames: ['ds'],
    all: true,
    sub: { status: 'DaemonSet' },
    storage: 'daemonsets',
    served: [
      ['v1', 9, LAST],
      ['v1beta2', 8, 15],
    ],
  },
  {
    group: 'apps',
    kind: 'ControllerRevision',
    resource: 'controllerrevisions',
    namespaced: true,
    served: [
      ['v1', 9, LAST],
      ['v1beta2', 8, 15],
      ['v1beta1', 7, 15],
    ],
  },

  // extensions/v1beta1 serves the same objects as apps; it is left out of the "all" category so
  // that `kubectl get all` lists each Deployment once, as deployment.apps.
  {
    group: 'extensions',
    kind: 'Deployment',
    resource: 'deployments',
    namespaced: true,
    shortNames: ['deploy'],
    sub: {
      status: 'Deployment',
      scale: ['Scale', 'extensions', 'v1beta1'],
      rollback: 'DeploymentRollback',
    },
    storage: 'deployments',
    served: [['v1beta1', 2, 15]],
  },
  {
    group: 'extensions',
    kind: 'ReplicaSet',
    resource: 'replicasets',
    namespaced: true,
    shortNames: ['rs'],
    sub: { status: 'ReplicaSet', scale: ['Scale', 'extensions', 'v1beta1'] },
    storage: 'replicasets',
    served: [['v1beta1', 2, 15]],
  },
  {
    group: 'extensions',
    kind: 'DaemonSet',
    resource: 'daemonsets',
    namespaced: true,
    shortNames: ['ds'],
    sub: { status: 'DaemonSet' },
    storage: 'daemonsets',
    served: [['v1beta1', 2, 15]],
  },
  {
    group: 'extensions',
    kind: 'Ingress',
    resource: 'ingresses',
    namespaced: true,
    shortNames: ['ing'],
    sub: { status: 'Ingress' },
    storage: 'ingresses',
    served: [['v1beta1', 2, 21]],
  },
  {
    group: 'extensions',
    kind: 'NetworkPolicy',
    resource: 'networkpolicies',
    namespaced: true,
    shortNames: ['netpol'],
    storage: 'networkpolicies',
    served: [['v1beta1', 3, 15]],
  },
  {
    group: 'extensions',
    kind: 'PodSecurityPolicy',
    resource: 'podsecuritypolicies',
    namespaced: false,
    shortNames: ['psp'],
    storage: 'podsecuritypolicies',
    served: [['v1beta1', 3, 15]],
  },

  {
    group: 'batch',
    kind: 'Job',
    resource: 'jobs',
    namespaced: true,
    all: true,
    sub: { status: 'Job' },
    served: [['v1', 2, LAST]],
  },
  {
    group: 'batch',
    kind: 'CronJob',
    resource: 'cronjobs',
    namespaced: true,
    shortNames: ['cj'],
    all: true,
    sub: { status: 'CronJob' },
    served: [
      ['v1', 21, LAST],
      ['v1beta1', 8, 24],
    ],
  },
  {
    group: 'autoscaling',
    kind: 'HorizontalPodAutoscaler',
    resource: 'horizontalpodautoscalers',
    namespaced: true,
    shortNames: ['hpa'],
    all: true,
    sub: { status: 'HorizontalPodAutoscaler' },
    served: [
      ['v2', 23, LAST],
      ['v1', 2, LAST],
      ['v2beta1', 8, 24],
      ['v2beta2', 12, 25],
    ],
  },
  {
    group: 'policy',
    kind: 'PodDisruptionBudget',
    resource: 'poddisruptionbudgets',
    namespaced: true,
    shortNames: ['pdb'],
    sub: { status: 'PodDisruptionBudget' },
    served: [
      ['v1', 21, LAST],
      ['v1beta1', 5, 24],
    ],
  },
  {
    group: 'policy',
    kind: 'PodSecurityPolicy',
    resource: 'podsecuritypolicies',
    namespaced: false,
    shortNames: ['psp'],
    storage: 'podsecuritypolicies',
    served: [['v1beta1', 10, 24]],
  },
  {
    group: 'networking.k8s.io',
    kind: 'NetworkPolicy',
    resource: 'networkpolicies',
    namespaced: true,
    shortNames: ['netpol'],
    storage: 'networkpolicies',
    served: [['v1', 7, LAST]],
  },
  {
    group: 'networking.k8s.io',
    kind: 'Ingress',
    resource: 'ingresses',
    namespaced: true,
    shortNames: ['ing'],
    sub: { status: 'Ingress' },
    storage: 'ingresses',
    served: [
      ['v1', 19, LAST],
      ['v1beta1', 14, 21],
    ],
  },
  {
    group: 'networking.k8s.io',
    kind: 'IngressClass',
    resource: 'ingressclasses',
    namespaced: false,
    served: [['v1', 19, LAST]],
  },

  {
    group: 'rbac.authorization.k8s.io',
    kind: 'Role',
    resource: 'roles',
    namespaced: true,
    served: [
      ['v1', 8, LAST],
      ['v1beta1', 6, 21],
    ],
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'RoleBinding',
    resource: 'rolebindings',
    namespaced: true,
    served: [
      ['v1', 8, LAST],
      ['v1beta1', 6, 21],
    ],
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    resource: 'clusterroles',
    namespaced: false,
    served: [
      ['v1', 8, LAST],
      ['v1beta1', 6, 21],
    ],
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRoleBinding',
    resource: 'clusterrolebindings',
    namespaced: false,
    served: [
      ['v1', 8, LAST],
      ['v1beta1', 6, 21],
    ],
  },
  {
    group: 'authorization.k8s.io',
    kind: 'SelfSubjectAccessReview',
    resource: 'selfsubjectaccessreviews',
    namespaced: false,
    verbs: CREATE_ONLY,
    served: [['v1', 6, LAST]],
  },
  {
    group: 'authorization.k8s.io',
    kind: 'SelfSubjectRulesReview',
    resource: 'selfsubjectrulesreviews',
    namespaced: false,
    verbs: CREATE_ONLY,
    served: [['v1', 10, LAST]],
  },
  {
    group: 'authorization.k8s.io',
    kind: 'SubjectAccessReview',
    resource: 'subjectaccessreviews',
    namespaced: false,
    verbs: CREATE_ONLY,
    served: [['v1', 6, LAST]],
  },
  {
    group: 'authorization.k8s.io',
    kind: 'LocalSubjectAccessReview',
    resource: 'localsubjectaccessreviews',
    namespaced: true,
    verbs: CREATE_ONLY,
    served: [['v1', 6, LAST]],
  },
  {
    group: 'authentication.k8s.io',
    kind: 'TokenReview',
    resource: 'tokenreviews',
    namespaced: false,
    verbs: CREATE_ONLY,
    served: [['v1', 6, LAST]],
  },
  {
    group: 'admissionregistration.k8s.io',
    kind: 'MutatingWebhookConfiguration',
    resource: 'mutatingwebhookconfigurations',
    namespaced: false,
    served: [
      ['v1', 16, LAST],
      ['v1beta1', 9, 21],
    ],
  },
  {
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingWebhookConfiguration',
    resource: 'validatingwebhookconfigurations',
    namespaced: false,
    served: [
      ['v1', 16, LAST],
      ['v1beta1', 9, 21],
    ],
  },
  {
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    resource: 'customresourcedefinitions',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    sub: { status: 'CustomResourceDefinition' },
    served: [
      ['v1', 16, LAST],
      ['v1beta1', 7, 21],
    ],
  },
  {
    group: 'apiregistration.k8s.io',
    kind: 'APIService',
    resource: 'apiservices',
    namespaced: false,
    sub: { status: 'APIService' },
    served: [['v1', 10, LAST]],
  },
  {
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    resource: 'storageclasses',
    namespaced: false,
    shortNames: ['sc'],
    served: [['v1', 6, LAST]],
  },
  {
    group: 'scheduling.k8s.io',
    kind: 'PriorityClass',
    resource: 'priorityclasses',
    namespaced: false,
    shortNames: ['pc'],
    served: [
      ['v1', 14, LAST],
      ['v1beta1', 11, 21],
    ],
  },
  {
    group: 'coordination.k8s.io',
    kind: 'Lease',
    resource: 'leases',
    namespaced: true,
    served: [
      ['v1', 14, LAST],
      ['v1beta1', 12, 21],
    ],
  },
  {
    group: 'events.k8s.io',
    kind: 'Event',
    resource: 'events',
    namespaced: true,
    shortNames: ['ev'],
    storage: 'events',
    served: [
      ['v1', 19, LAST],
      ['v1beta1', 8, 24],
    ],
  },
  {
    group: 'certificates.k8s.io',
    kind: 'CertificateSigningRequest',
    resource: 'certificatesigningrequests',
    namespaced: false,
    shortNames: ['csr'],
    sub: { status: 'CertificateSigningRequest', approval: 'CertificateSigningRequest' },
    served: [
      ['v1', 19, LAST],
      ['v1beta1', 4, 21],
    ],
  },
]

/** The order of groups in `/apis`, as kube-apiserver lists them (its preferred order). */
export const GROUP_ORDER = [
  'apiregistration.k8s.io',
  'extensions',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
]

function subresources(b: BuiltinKind, version: string): SubresourceInfo[] {
  return Object.entries(b.sub ?? {}).map(([name, k]) => {
    const [kind, group, v] = typeof k === 'string' ? [k, b.group, version] : k
    const verbs =
      name === 'log' || name === 'proxy'
        ? ['get']
        : ['binding', 'eviction', 'token'].includes(name)
          ? ['create']
          : ['get', 'patch', 'update']
    return { name, kind, group, version: v, verbs }
  })
}

/** Returns the built-in resources a kube-apiserver of this version serves, preferred versions first. */
export function builtinResources(v: KubeVersion): ResourceInfo[] {
  const out: ResourceInfo[] = []
  for (const b of BUILTIN) {
    for (const [version, from, until] of b.served) {
      if (v.minor < from || v.minor > until) continue
      out.push({
        group: b.group,
        version,
        resource: b.resource,
        kind: b.kind,
        singular: b.kind.toLowerCase(),
        namespaced: b.namespaced,
        shortNames: b.shortNames ?? [],
        categories: b.all ? ['all'] : [],
        verbs: b.verbs ?? ALL_VERBS,
        subresources: subresources(b, version),
        storage: b.storage ?? (b.group ? `${b.resource}.${b.group}` : b.resource),
      })
    }
  }
  return out
}
