/** Shared test fixtures of the patch module: realistic objects as kubectl and helm send them. */
import { isStatusError, type StatusError } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import { serverSideApply, type ServerSideApplyOptions } from '../../api/patch/index.js'

/** A loosely typed JSON object for assertions. */
export type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

/** The time of the first write in a test. */
export const T0 = '2018-08-01T10:00:00Z'
/** The time of a later write. */
export const T1 = '2018-08-01T11:00:00Z'

/** Returns the Deployment helm 4 sends as an apply patch (`helm install demo local/mychart`). */
export function helmDeployment(image = 'nginx:1.14', replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'demo-mychart',
      namespace: 'onap',
      labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/name': 'mychart' },
      annotations: {
        'meta.helm.sh/release-name': 'demo',
        'meta.helm.sh/release-namespace': 'onap',
      },
    },
    spec: {
      replicas,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'mychart' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'mychart' } },
        spec: {
          containers: [
            {
              name: 'mychart',
              image,
              ports: [{ name: 'http', containerPort: 80 }],
              env: [{ name: 'A', value: '1' }],
            },
          ],
        },
      },
    },
  }
}

/** Returns the managedFields entry of a manager. */
export function entryOf(obj: KubeObject, manager: string): Json | undefined {
  return obj.metadata.managedFields?.find((e) => e.manager === manager)
}

/** Returns the StatusError a function throws (fails the test if it throws none). */
export function statusErrorOf(fn: () => unknown): StatusError {
  try {
    fn()
  } catch (err) {
    if (isStatusError(err)) return err
    throw err
  }
  throw new Error('expected a StatusError')
}

/** Returns what server-side apply makes of `applied`: helm applying apps/v1 at T0 unless given. */
export function applyAsHelm(
  o: Partial<ServerSideApplyOptions> & { applied: KubeObject }
): KubeObject {
  return serverSideApply({
    live: undefined,
    manager: 'helm',
    force: false,
    apiVersion: 'apps/v1',
    now: T0,
    ...o,
  })
}
