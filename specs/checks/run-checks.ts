// Every check under one name, to run them outside mocha (negative tests, status commands).
import { contextFor, readMsbExpectations, type SpecContext } from '../support/index.js'
import { checkChartRepository } from './chart-repo.js'
import {
  checkControlPlaneNotInjected,
  checkInjectorPolicy,
  checkNamespaceLabels,
  checkSidecars,
} from './injection.js'
import { checkIstioServices, checkOnapServices, checkReleaseDeployments } from './inventory.js'
import { checkMsbDiscovery, checkMsbRoutes, checkMsbSwagger, checkMsbUnregistered } from './msb.js'
import { checkDeploymentsAvailable, checkIstioPods, checkOnapPods } from './readiness.js'
import { checkNodeCapacity, checkNodes, checkNoOnapPodOnMaster } from './topology.js'

/** The spec files, one per area of the issue. */
export type SpecName = 'topology' | 'inventory' | 'readiness' | 'injection' | 'chart-repo' | 'msb'

/** A check with its spec and name. */
export interface NamedCheck {
  spec: SpecName
  /** `nodes`, `onap-services`, … */
  name: string
  run(ctx: SpecContext): Promise<void>
  /** Returns why the check does not apply to this run, if it does not. */
  skipReason?(ctx: SpecContext): string | undefined
}

/** Every check, in suite order. */
export const CHECKS: readonly NamedCheck[] = [
  { spec: 'topology', name: 'nodes', run: (c) => checkNodes(c.client, c.expected) },
  {
    spec: 'topology',
    name: 'node-capacity',
    run: (c) => checkNodeCapacity(c.client, c.expected),
    skipReason: (c) =>
      c.env.backend === 'kind'
        ? 'kind nodes report the host machine, not lab.yaml hardware'
        : undefined,
  },
  {
    spec: 'topology',
    name: 'no-onap-pod-on-master',
    run: (c) => checkNoOnapPodOnMaster(c.client, c.expected),
  },
  { spec: 'inventory', name: 'onap-services', run: (c) => checkOnapServices(c.client, c.expected) },
  {
    spec: 'inventory',
    name: 'istio-services',
    run: (c) => checkIstioServices(c.client, c.expected),
  },
  {
    spec: 'inventory',
    name: 'release-deployments',
    run: (c) => checkReleaseDeployments(c.client, c.expected),
  },
  { spec: 'readiness', name: 'onap-pods', run: (c) => checkOnapPods(c.client, c.expected) },
  { spec: 'readiness', name: 'istio-pods', run: (c) => checkIstioPods(c.client, c.expected) },
  {
    spec: 'readiness',
    name: 'deployments-available',
    run: (c) => checkDeploymentsAvailable(c.client, c.expected),
  },
  {
    spec: 'injection',
    name: 'namespace-labels',
    run: (c) => checkNamespaceLabels(c.client, c.expected),
  },
  {
    spec: 'injection',
    name: 'injector-policy',
    run: (c) => checkInjectorPolicy(c.client, c.expected),
  },
  { spec: 'injection', name: 'sidecars', run: (c) => checkSidecars(c.client, c.expected) },
  {
    spec: 'injection',
    name: 'control-plane-not-injected',
    run: (c) => checkControlPlaneNotInjected(c.client, c.expected),
  },
  { spec: 'chart-repo', name: 'chart-index', run: (c) => checkChartRepository(c.repo, c.expected) },
  {
    spec: 'msb',
    name: 'msb-routes',
    run: (c) => checkMsbRoutes(c.client, msbOf(c), c.expected.onap.namespace),
  },
  {
    spec: 'msb',
    name: 'msb-discovery',
    run: (c) => checkMsbDiscovery(c.client, msbOf(c), c.expected.onap.namespace),
  },
  {
    spec: 'msb',
    name: 'msb-swagger',
    run: (c) => checkMsbSwagger(c.client, msbOf(c), c.expected.onap.namespace),
  },
  {
    spec: 'msb',
    name: 'msb-unregistered',
    run: (c) => checkMsbUnregistered(c.client, msbOf(c), c.expected.onap.namespace),
  },
]

// The MSB expectations of a run's expectations folder (msb.yaml + onap-services.yaml).
const msbOf = (c: SpecContext) => readMsbExpectations(c.env.expectedDir)

/** How one check went. */
export interface CheckOutcome {
  spec: SpecName
  name: string
  result: 'passed' | 'failed' | 'skipped'
  /** The failure's message (the table) or the skip reason; "" when passed. */
  message: string
}

/** Runs the checks (all, or those `filter` keeps) one after the other and returns each outcome. */
export async function runChecks(
  ctx: SpecContext,
  filter: (check: NamedCheck) => boolean = () => true
): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = []
  for (const check of CHECKS.filter(filter)) {
    const { spec, name } = check
    const skip = check.skipReason?.(ctx)
    if (skip) {
      outcomes.push({ spec, name, result: 'skipped', message: skip })
      continue
    }
    try {
      await check.run(ctx)
      outcomes.push({ spec, name, result: 'passed', message: '' })
    } catch (err) {
      outcomes.push({
        spec,
        name,
        result: 'failed',
        message: err instanceof Error ? err.message : String(err),
      })
    }
  }
  return outcomes
}

/**
 * Runs the checks against the lab of a kubeconfig with fresh (uncached) reads; the other settings
 * come from `env` (LAB_POLICY, LAB_CHART_REPO, … default process.env).
 */
export function runChecksAgainst(
  kubeconfigPath: string,
  filter?: (check: NamedCheck) => boolean,
  env?: Readonly<Record<string, string | undefined>>
): Promise<CheckOutcome[]> {
  return runChecks(contextFor(kubeconfigPath, env), filter)
}
