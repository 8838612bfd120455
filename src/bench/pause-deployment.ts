import type { KubeObject } from '../api/types.js'

/**
 * Returns a Deployment of `replicas` pause pods in namespace `bench`, the cluster benches'
 * workload; `requests` gives each container resource requests (the scheduler then counts them),
 * `nodeName` binds every pod to that node from the start (no scheduler, as KWOK's benchmark).
 */
export function pauseDeployment(
  name: string,
  replicas: number,
  requests?: { cpu: string; memory: string },
  nodeName?: string
): KubeObject {
  const container = {
    name: 'app',
    image: 'k8s.gcr.io/pause:3.1',
    ...(requests ? { resources: { requests } } : {}),
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'bench' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { ...(nodeName ? { nodeName } : {}), containers: [container] },
      },
    },
  }
}
