import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../../api/types.js'
import { defaultMeshConfig } from '../../istio/index.js'
import type { PodEndpointInfo } from '../../network/index.js'
import { emptyMeshObjects, type MeshObjects } from '../../mesh/model/mesh-objects.js'

/** A workload for tests: pods of one app/version behind a Service port. */
export interface TestWorkload {
  app: string
  version: string
  ips: string[]
  namespace?: string
  sidecar?: boolean
  serviceAccount?: string
  annotations?: Record<string, string>
}

/** Returns an injected (or plain) pod as the API server holds it. */
export function testPod(w: TestWorkload, ip: string, i: number, port = 9080): KubeObject {
  const ns = w.namespace ?? 'default'
  const sidecar = w.sidecar ?? true
  const hash = '5d8f9c'
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${w.app}-${w.version}-${hash}-${i}`,
      namespace: ns,
      labels: { app: w.app, version: w.version, 'pod-template-hash': hash },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: `${w.app}-${w.version}-${hash}`,
          uid: 'u',
          controller: true,
        },
      ],
      ...(w.annotations ? { annotations: w.annotations } : {}),
      resourceVersion: '1',
    },
    spec: {
      serviceAccountName: w.serviceAccount ?? 'default',
      ...(sidecar
        ? {
            initContainers: [
              {
                name: 'istio-init',
                args: [
                  '-p',
                  '15001',
                  '-u',
                  '1337',
                  '-m',
                  'REDIRECT',
                  '-i',
                  w.annotations?.['traffic.sidecar.istio.io/includeOutboundIPRanges'] ?? '*',
                  '-x',
                  w.annotations?.['traffic.sidecar.istio.io/excludeOutboundIPRanges'] ?? '',
                  '-b',
                  `${port},`,
                  '-d',
                  '',
                ],
              },
            ],
          }
        : {}),
      containers: [
        { name: w.app, image: 'echo', ports: [{ containerPort: port }] },
        ...(sidecar ? [{ name: 'istio-proxy', image: 'proxyv2', args: ['proxy', 'sidecar'] }] : []),
      ],
    },
    status: { phase: 'Running', podIP: ip },
  } as unknown as KubeObject
}

/** Returns the network's view of a pod. */
export function endpointInfo(pod: KubeObject): PodEndpointInfo {
  const spec = (
    pod as unknown as { spec: { serviceAccountName?: string; containers: { name: string }[] } }
  ).spec
  return {
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    ip: (pod as unknown as { status: { podIP: string } }).status.podIP,
    nodeName: 'node-1',
    labels: pod.metadata.labels ?? {},
    serviceAccount: spec.serviceAccountName ?? 'default',
    hasSidecar: spec.containers.some((c) => c.name === 'istio-proxy'),
    pod,
  }
}

/** Returns a Service and its Endpoints for pods of an app. */
export function testService(
  name: string,
  ns: string,
  clusterIP: string,
  pods: KubeObject[],
  port = 9080,
  portName = 'http'
): KubeObject[] {
  const svc = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns },
    spec: {
      clusterIP,
      selector: { app: name },
      ports: [{ name: portName, port, targetPort: port, protocol: 'TCP' }],
    },
  }
  const ep = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name, namespace: ns },
    subsets: [
      {
        addresses: pods.map((p) => ({
          ip: (p as unknown as { status: { podIP: string } }).status.podIP,
          targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns },
        })),
        ports: [{ name: portName, port, protocol: 'TCP' }],
      },
    ],
  }
  return [svc, ep] as unknown as KubeObject[]
}

const FIELDS: Record<string, keyof MeshObjects> = {
  Service: 'services',
  Endpoints: 'endpoints',
  Pod: 'pods',
  VirtualService: 'virtualServices',
  DestinationRule: 'destinationRules',
  Gateway: 'gateways',
  ServiceEntry: 'serviceEntries',
  Policy: 'policies',
  MeshPolicy: 'meshPolicies',
}

/** Returns MeshObjects holding the given objects (Istio YAML documents are parsed; ns default). */
export function meshOf(objects: (KubeObject | string)[]): MeshObjects {
  const m = emptyMeshObjects(defaultMeshConfig())
  m.meshConfig.disablePolicyChecks = true
  for (const o of objects) {
    const list =
      typeof o === 'string'
        ? parseAllDocuments(o)
            .map((d) => d.toJS() as KubeObject)
            .filter(Boolean)
        : [o]
    for (const obj of list) {
      if (obj.kind !== 'MeshPolicy') obj.metadata.namespace ??= 'default'
      const f = FIELDS[obj.kind ?? '']
      if (f) (m[f] as KubeObject[]).push(obj)
      else m.mixer.push(obj)
    }
  }
  return m
}
