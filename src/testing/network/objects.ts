// Builders of the API objects the network's unit tests feed to its caches.
import type { KubeObject } from '../../api/types.js'

/** Returns a pod with an IP on a node; `running: false` leaves its containers waiting. */
export function pod(
  name: string,
  ip: string,
  o: {
    namespace?: string
    node?: string
    labels?: Record<string, string>
    ports?: number[]
    sidecar?: boolean
    running?: boolean
    phase?: string
  } = {}
): KubeObject {
  const containers = [
    { name: 'app', image: 'app:1', ports: (o.ports ?? [8080]).map((p) => ({ containerPort: p })) },
    ...(o.sidecar
      ? [{ name: 'istio-proxy', image: 'proxyv2', ports: [{ containerPort: 15090 }] }]
      : []),
  ]
  const running = o.running ?? true
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      labels: o.labels ?? { app: 'web' },
      uid: `uid-${name}`,
    },
    spec: { nodeName: o.node ?? 'node-a', serviceAccountName: 'default', containers },
    status: {
      phase: o.phase ?? 'Running',
      podIP: ip,
      containerStatuses: containers.map((c) => ({
        name: c.name,
        state: running ? { running: { startedAt: '2018-08-01T00:00:00Z' } } : { waiting: {} },
      })),
    },
  }
}

/** Returns a Service. */
export function service(
  name: string,
  clusterIP: string,
  ports: { name?: string; port: number; targetPort?: number | string; nodePort?: number }[],
  o: {
    namespace?: string
    type?: string
    affinity?: number | true
    local?: boolean
    resourceVersion?: string
  } = {}
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: `uid-svc-${name}`,
      resourceVersion: o.resourceVersion ?? '1',
    },
    spec: {
      clusterIP,
      type: o.type ?? 'ClusterIP',
      ports: ports.map((p) => ({ protocol: 'TCP', ...p })),
      ...(o.affinity !== undefined
        ? {
            sessionAffinity: 'ClientIP',
            ...(o.affinity === true
              ? {}
              : { sessionAffinityConfig: { clientIP: { timeoutSeconds: o.affinity } } }),
          }
        : {}),
      ...(o.local ? { externalTrafficPolicy: 'Local' } : {}),
    },
  }
}

/** Returns an Endpoints object: ready and not-ready addresses (`ip@node`) for named ports. */
export function endpoints(
  name: string,
  ready: string[],
  ports: { name?: string; port: number }[],
  o: { namespace?: string; notReady?: string[] } = {}
): KubeObject {
  const addr = (s: string) => {
    const [ip, node] = s.split('@')
    return { ip, nodeName: node ?? 'node-a' }
  }
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: o.namespace ?? 'default' },
    subsets: [
      {
        ...(ready.length ? { addresses: ready.map(addr) } : {}),
        ...(o.notReady?.length ? { notReadyAddresses: o.notReady.map(addr) } : {}),
        ports: ports.map((p) => ({ protocol: 'TCP', ...p })),
      },
    ],
  }
}

/** Returns a deterministic random source (a linear congruential generator). */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}
