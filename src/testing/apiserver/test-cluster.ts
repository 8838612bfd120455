import {
  startSimCluster,
  type SimClusterOptions,
  type StartedSimCluster,
} from '../../backends/sim/index.js'

/** Starts a sim cluster with the tests' profile (1.11.1, cluster `t`, 10.96.0.0/12) plus `extra`. */
export function startTestCluster(
  extra: Partial<SimClusterOptions> = {}
): Promise<StartedSimCluster> {
  return startSimCluster({
    kubernetesVersion: '1.11.1',
    clusterName: 't',
    serviceSubnet: '10.96.0.0/12',
    ...extra,
  })
}
