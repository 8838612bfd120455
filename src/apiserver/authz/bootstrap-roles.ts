import type { KubeObject } from '../../api/types.js'
import {
  CONTROLLER_RULES,
  KUBE_CONTROLLER_MANAGER_RULES,
  KUBE_SCHEDULER_RULES,
  NODE_PROXIER_RULES,
  NODE_RULES,
} from './component-roles.js'
import type { PolicyRule } from './policy-rule.js'

const READ = ['get', 'list', 'watch']
const READ_WRITE = [
  'get',
  'list',
  'watch',
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
]
const rule = (verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
})

/** What `system:aggregate-to-view` grants in 1.11 (read of namespaced objects, secrets excepted). */
const TO_VIEW: PolicyRule[] = [
  rule(
    READ,
    [''],
    [
      'pods',
      'replicationcontrollers',
      'replicationcontrollers/scale',
      'serviceaccounts',
      'services',
      'endpoints',
      'persistentvolumeclaims',
      'configmaps',
    ]
  ),
  rule(
    READ,
    [''],
    [
      'limitranges',
      'resourcequotas',
      'bindings',
      'events',
      'pods/status',
      'resourcequotas/status',
      'namespaces/status',
      'replicationcontrollers/status',
      'pods/log',
    ]
  ),
  rule(READ, [''], ['namespaces']),
  rule(
    READ,
    ['apps'],
    [
      'statefulsets',
      'statefulsets/scale',
      'daemonsets',
      'deployments',
      'deployments/scale',
      'replicasets',
      'replicasets/scale',
    ]
  ),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(READ, ['batch'], ['jobs', 'cronjobs']),
  rule(
    READ,
    ['extensions'],
    [
      'daemonsets',
      'deployments',
      'deployments/scale',
      'ingresses',
      'replicasets',
      'replicasets/scale',
      'replicationcontrollers/scale',
    ]
  ),
  rule(READ, ['policy'], ['poddisruptionbudgets']),
  rule(READ, ['networking.k8s.io'], ['networkpolicies']),
]

/** What `system:aggregate-to-edit` grants in 1.11 (writes of namespaced workloads and secrets). */
const TO_EDIT: PolicyRule[] = [
  rule(['impersonate'], [''], ['serviceaccounts']),
  rule(READ_WRITE, [''], ['pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward']),
  rule(
    READ_WRITE,
    [''],
    [
      'replicationcontrollers',
      'replicationcontrollers/scale',
      'serviceaccounts',
      'services',
      'services/proxy',
      'endpoints',
      'persistentvolumeclaims',
      'configmaps',
      'secrets',
    ]
  ),
  rule(
    READ_WRITE,
    ['apps'],
    [
      'statefulsets',
      'statefulsets/scale',
      'daemonsets',
      'deployments',
      'deployments/scale',
      'deployments/rollback',
      'replicasets',
      'replicasets/scale',
    ]
  ),
  rule(READ_WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(READ_WRITE, ['batch'], ['jobs', 'cronjobs']),
  rule(
    READ_WRITE,
    ['extensions'],
    [
      'daemonsets',
      'deployments',
      'deployments/scale',
      'deployments/rollback',
      'ingresses',
      'replicasets',
      'replicasets/scale',
      'replicationcontrollers/scale',
      'networkpolicies',
    ]
  ),
  rule(READ_WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(READ_WRITE, ['networking.k8s.io'], ['networkpolicies']),
]

/** What `system:aggregate-to-admin` grants in 1.11 (namespace RBAC and local access reviews). */
const TO_ADMIN: PolicyRule[] = [
  rule(READ_WRITE, ['rbac.authorization.k8s.io'], ['roles', 'rolebindings']),
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
]

const DISCOVERY_URLS = [
  '/api',
  '/api/*',
  '/apis',
  '/apis/*',
  '/healthz',
  '/openapi',
  '/openapi/*',
  '/swagger-2.0.0.pb-v1',
  '/swagger.json',
  '/swaggerapi',
  '/swaggerapi/*',
  '/version',
  '/version/',
]

/** A bootstrap ClusterRole or ClusterRoleBinding before the server adds uid and timestamps. */
export type BootstrapObject = Omit<KubeObject, 'metadata'> & {
  metadata: { name: string; labels: Record<string, string>; annotations: Record<string, string> }
}

const META = (name: string, aggregateTo?: string) => ({
  name,
  labels: {
    'kubernetes.io/bootstrapping': 'rbac-defaults',
    ...(aggregateTo ? { [`rbac.authorization.k8s.io/aggregate-to-${aggregateTo}`]: 'true' } : {}),
  },
  annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
})

function clusterRole(
  name: string,
  rules: PolicyRule[],
  o: { aggregateTo?: string; aggregateFrom?: string } = {}
): BootstrapObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: META(name, o.aggregateTo),
    ...(o.aggregateFrom
      ? {
          aggregationRule: {
            clusterRoleSelectors: [
              {
                matchLabels: {
                  [`rbac.authorization.k8s.io/aggregate-to-${o.aggregateFrom}`]: 'true',
                },
              },
            ],
          },
        }
      : {}),
    rules,
  }
}

function groupBinding(name: string, groups: string[]): BootstrapObject {
  return binding(
    name,
    groups.map((g) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: g }))
  )
}

function binding(name: string, subjects: Record<string, string>[] | null): BootstrapObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: META(name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects,
  }
}

const user = (name: string) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })

/**
 * The roles and bindings of the control plane's own identities: kube-controller-manager, the
 * scheduler, kube-proxy, the controllers' ServiceAccounts in kube-system and `system:node` (whose
 * binding 1.11 leaves without subjects: the Node authorizer grants kubelets its rules).
 */
function componentPolicy(): { clusterRoles: BootstrapObject[]; bindings: BootstrapObject[] } {
  const controllers = Object.entries(CONTROLLER_RULES)
  return {
    clusterRoles: [
      clusterRole('system:kube-controller-manager', KUBE_CONTROLLER_MANAGER_RULES),
      clusterRole('system:kube-scheduler', KUBE_SCHEDULER_RULES),
      clusterRole('system:node', NODE_RULES),
      clusterRole('system:node-proxier', NODE_PROXIER_RULES),
      ...controllers.map(([name, rules]) => clusterRole(`system:controller:${name}`, rules)),
    ],
    bindings: [
      binding('system:kube-controller-manager', [user('system:kube-controller-manager')]),
      binding('system:kube-scheduler', [user('system:kube-scheduler')]),
      binding('system:node', null),
      binding('system:node-proxier', [user('system:kube-proxy')]),
      ...controllers.map(([name]) =>
        binding(`system:controller:${name}`, [
          { kind: 'ServiceAccount', name, namespace: 'kube-system' },
        ])
      ),
    ],
  }
}

/**
 * Returns the ClusterRoles and ClusterRoleBindings kube-apiserver 1.11's RBAC post-start hook
 * writes that users meet: cluster-admin (bound to system:masters), admin, edit and view (with
 * their aggregation rules; their rules are the union of the `system:aggregate-to-*` roles they
 * select, as the aggregation controller fills them in), system:discovery and system:basic-user
 * (bound to every user, authenticated or not), and those of the control plane's components.
 */
export function bootstrapPolicy(): {
  clusterRoles: BootstrapObject[]
  bindings: BootstrapObject[]
} {
  const view = TO_VIEW
  const edit = [...TO_EDIT, ...view]
  const admin = [...TO_ADMIN, ...edit]
  const everyone = ['system:authenticated', 'system:unauthenticated']
  const components = componentPolicy()
  return {
    clusterRoles: [
      clusterRole('cluster-admin', [
        { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
        { verbs: ['*'], nonResourceURLs: ['*'] },
      ]),
      clusterRole('admin', admin, { aggregateFrom: 'admin' }),
      clusterRole('edit', edit, { aggregateFrom: 'edit', aggregateTo: 'admin' }),
      clusterRole('view', view, { aggregateFrom: 'view', aggregateTo: 'edit' }),
      clusterRole('system:aggregate-to-admin', TO_ADMIN, { aggregateTo: 'admin' }),
      clusterRole('system:aggregate-to-edit', TO_EDIT, { aggregateTo: 'edit' }),
      clusterRole('system:aggregate-to-view', TO_VIEW, { aggregateTo: 'view' }),
      clusterRole('system:discovery', [{ verbs: ['get'], nonResourceURLs: DISCOVERY_URLS }]),
      clusterRole('system:basic-user', [
        rule(
          ['create'],
          ['authorization.k8s.io'],
          ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']
        ),
      ]),
      ...components.clusterRoles,
    ],
    bindings: [
      groupBinding('cluster-admin', ['system:masters']),
      groupBinding('system:discovery', everyone),
      groupBinding('system:basic-user', everyone),
      ...components.bindings,
    ],
  }
}
