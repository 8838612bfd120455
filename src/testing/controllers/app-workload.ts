import type { Workload } from '../../controllers/workload-types.js'

/**
 * Returns an apps/v1 Deployment or ReplicaSet of `replicas` pods labelled `app=<name>`, each with
 * one container `c` running `image`; `extra` adds fields to the spec.
 */
export function appWorkload(
  kind: 'Deployment' | 'ReplicaSet',
  name: string,
  namespace: string,
  o: { replicas: number; image: string; extra?: Record<string, unknown> }
): Workload {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: o.image }] },
      },
      ...o.extra,
    },
  }
}
