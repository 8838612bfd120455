// Builders of the plain Kubernetes objects a fake lab is made of.
import type { Expectations } from './expectations.js'
import type { ContainerStatus, Deployment, Pod, Service } from './kube-types.js'

/** The containers and annotations of a fake pod. */
export interface PodShape {
  containers: string[]
  initContainers?: string[]
  annotations?: Record<string, string>
}

/** Returns a Running pod of a ReplicaSet, every container ready. */
export function runningPod(
  namespace: string,
  owner: { kind: string; name: string },
  node: string | undefined,
  shape: PodShape
): Pod {
  const hash = '5f7c9d8b6'
  const ready = (name: string): ContainerStatus => ({
    name,
    ready: true,
    restartCount: 0,
    started: true,
    state: { running: {} },
  })
  const done = (name: string): ContainerStatus => ({
    name,
    ready: true,
    restartCount: 0,
    state: { terminated: { exitCode: 0, reason: 'Completed' } },
  })
  return {
    metadata: {
      namespace,
      name: `${owner.name}-${hash}-x2v4q`,
      labels: { 'pod-template-hash': hash },
      annotations: shape.annotations ?? {},
      ownerReferences: [{ kind: 'ReplicaSet', name: `${owner.name}-${hash}`, controller: true }],
    },
    spec: {
      ...(node !== undefined && { nodeName: node }),
      containers: shape.containers.map((name) => ({ name })),
      initContainers: (shape.initContainers ?? []).map((name) => ({ name })),
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
      ],
      initContainerStatuses: (shape.initContainers ?? []).map(done),
      containerStatuses: shape.containers.map(ready),
    },
  }
}

/** Returns the Completed pod of a Job. */
export function completedJobPod(namespace: string, job: string, node: string | undefined): Pod {
  return {
    metadata: {
      namespace,
      name: `${job}-k7w2p`,
      labels: { 'job-name': job },
      ownerReferences: [{ kind: 'Job', name: job, controller: true }],
    },
    spec: { ...(node !== undefined && { nodeName: node }), containers: [{ name: 'main' }] },
    status: {
      phase: 'Succeeded',
      containerStatuses: [
        {
          name: 'main',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 0, reason: 'Completed' } },
        },
      ],
    },
  }
}

/** Returns a Service as an expectation describes it (a LoadBalancer without address). */
export function service(namespace: string, s: Expectations['onap']['services'][number]): Service {
  const ingressPending = s.type === 'LoadBalancer'
  return {
    metadata: { namespace, name: s.name, labels: s.release ? { release: s.release } : {} },
    spec: {
      type: s.type,
      ports: s.ports.map((p) => {
        const m = /^(\d+)(?::(\d+))?\/(\w+)$/.exec(p)
        if (!m) throw new Error(`service ${s.name}: port "${p}" is not port[:nodePort]/PROTO`)
        return { port: Number(m[1]), ...(m[2] && { nodePort: Number(m[2]) }), protocol: m[3]! }
      }),
    },
    status: ingressPending ? { loadBalancer: {} } : {},
  }
}

/** Returns a Deployment with one available replica. */
export function deployment(
  namespace: string,
  name: string,
  containers: string[],
  release?: string
): Deployment {
  return {
    metadata: { namespace, name, labels: release ? { release } : {} },
    spec: { replicas: 1, template: { spec: { containers: containers.map((c) => ({ name: c })) } } },
    status: {
      replicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: [{ type: 'Available', status: 'True' }],
    },
  }
}
