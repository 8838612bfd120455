import type { ControllerName } from '../../controllers/start-controllers.js'
import { createNamespace, startTestCluster, type TestCluster } from './controller-helpers.js'

/**
 * Registers mocha hooks that start a test cluster (and create `namespace` when given) before the
 * suite and stop it after; returns the cluster, whose fields are filled in by the `before` hook.
 */
export function useTestCluster(o: {
  controllers: ControllerName[]
  namespace?: string
  kubernetesVersion?: string
}): TestCluster {
  const t = {} as TestCluster
  before(async () => {
    const { namespace, ...start } = o
    Object.assign(t, await startTestCluster(start))
    if (namespace !== undefined) await createNamespace(t.client, namespace)
  })
  after(() => t.stop())
  return t
}
