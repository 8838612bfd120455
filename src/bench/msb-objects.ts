import type { KubeObject } from '../api/types.js'

const ns = 'onap'

function deployment(
  app: string,
  image: string,
  ports: number[],
  env: Record<string, string> = {}
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `bench-${app}`, namespace: ns },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app } },
      template: {
        metadata: { labels: { app } },
        spec: {
          containers: [
            {
              name: app,
              image,
              ports: ports.map((p) => ({ containerPort: p })),
              env: Object.entries(env).map(([name, value]) => ({ name, value })),
            },
          ],
        },
      },
    },
  }
}

function service(
  name: string,
  port: number,
  o: { nodePort?: boolean; annotation?: string } = {}
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: ns,
      ...(o.annotation ? { annotations: { 'msb.onap.org/service-info': o.annotation } } : {}),
    },
    spec: {
      type: o.nodePort ? 'NodePort' : 'ClusterIP',
      selector: { app: name },
      ports: [{ name: `http-${name}`, port, targetPort: port }],
    },
  }
}

/**
 * Returns the objects of the smallest MSB path (namespace `onap`): msb-consul, msb-discovery,
 * kube2msb, msb-iag on a NodePort the API allocates, and multicloud registered by its
 * `msb.onap.org/service-info` annotation, with the images of the OOM charts (reference §6.1).
 */
export function msbBenchObjects(): {
  namespace: KubeObject
  /** What lets kube2msb list Services and pods cluster-wide as onap's default account (RBAC). */
  binding: KubeObject
  deployments: KubeObject[]
  services: KubeObject[]
} {
  return {
    namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    binding: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'bench-kube2msb-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: ns }],
    } as KubeObject,
    deployments: [
      deployment('msb-consul', 'library/consul:0.9.3', [8500]),
      deployment('msb-discovery', 'onap/msb/msb_discovery:1.2.1', [10081], {
        CONSUL_IP: `msb-consul.${ns}`,
      }),
      deployment('kube2msb', 'onap/oom/kube2msb:1.1.0', [], {
        KUBE_MASTER_URL: 'https://kubernetes.default:443',
        MSB_URL: `http://msb-discovery.${ns}:10081`,
      }),
      deployment('msb-iag', 'onap/msb/msb_apigateway:1.2.1', [80, 443], {
        CONSUL_IP: `msb-consul.${ns}`,
        SDCLIENT_IP: `msb-discovery.${ns}`,
        ROUTE_LABELS: 'visualRange:1',
      }),
      deployment('multicloud', 'onap/multicloud/framework:1.2.1', [9001]),
    ],
    services: [
      service('msb-consul', 8500),
      service('msb-discovery', 10081),
      service('msb-iag', 80, { nodePort: true }),
      service('multicloud', 9001, {
        annotation:
          '[{"serviceName":"multicloud","version":"v0","url":"/api/multicloud/v0","protocol":"REST","port":"9001","visualRange":"1"}]',
      }),
    ],
  }
}
