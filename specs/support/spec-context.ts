// What every spec file of one mocha run shares: the settings, the cached cluster and chart
// repository clients, and the expectations.
import { createChartRepoClient, type ChartRepoClient } from './chart-repo-client.js'
import { loadExpectations, type Expectations } from './expectations.js'
import { createLabClient, sharedLabClient, type LabClient } from './lab-client.js'
import { readSpecEnv, type SpecEnv } from './lab-env.js'

/** The clients and expectations a check runs with. */
export interface SpecContext {
  env: SpecEnv
  client: LabClient
  repo: ChartRepoClient
  expected: Expectations
}

let shared: SpecContext | undefined

/** Returns the context of this process (built from process.env on first use, then reused). */
export function specContext(): SpecContext {
  shared ??= buildContext(readSpecEnv(process.env), sharedLabClient)
  return shared
}

/**
 * Returns a fresh context for a kubeconfig (nothing cached from other runs); other settings come
 * from `env` (default process.env). For negative tests that break a lab and check again.
 */
export function contextFor(
  kubeconfigPath: string,
  env: Readonly<Record<string, string | undefined>> = process.env
): SpecContext {
  return buildContext({ ...readSpecEnv(env), kubeconfig: kubeconfigPath }, createLabClient)
}

function buildContext(env: SpecEnv, client: (path: string) => LabClient): SpecContext {
  return {
    env,
    client: client(env.kubeconfig),
    repo: createChartRepoClient(env.chartRepo),
    expected: loadExpectations(env),
  }
}
