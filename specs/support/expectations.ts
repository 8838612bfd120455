// The expectations of one spec run: the data of fixtures/expected/ and of the lab definition,
// resolved for the active injector policy.
import type {
  ExpectationFiles,
  HelmSearchFile,
  PodsFileWorkload,
  ServicesFileService,
} from './expectation-files.js'
import { readExpectationFiles } from './expectation-files.js'
import { injectRequired, isInjectorPolicy, type InjectorPolicy } from './injection-rule.js'
import { readLabDefinition, type ExpectedNode } from './lab-files.js'
import type { SpecEnv } from './lab-env.js'

/**
 * The istio-injection labels the issue asks for (#6: "`onap` labelled istio-injection=enabled,
 * `istio-system` labelled disabled"). They win over namespaces.yaml, whose istio-system row is
 * the page's listing (no label); the Istio 1.0 manifest's first document labels it `disabled`.
 */
export const REQUIRED_INJECTION_LABELS: Readonly<Record<string, string>> = {
  onap: 'enabled',
  'istio-system': 'disabled',
}

/** An ONAP Deployment and its pod, with READY chosen for the active policy. */
export interface ExpectedWorkload {
  name: string
  release: string
  containers: string[]
  initContainers: string[]
  /** The template's sidecar.istio.io/inject annotation; null when it has none. */
  inject: string | null
  /** READY for the active policy (`2/2`). */
  ready: string
  status: string
}

/** A namespace and its istio-injection label ("" for none). */
export interface ExpectedNamespace {
  name: string
  status: string
  istioInjection: string
}

/** Everything one spec run compares the lab with. */
export interface Expectations {
  policy: InjectorPolicy
  /** RESTARTS allowed per pod. */
  maxRestarts: number
  onap: {
    namespace: string
    sidecarContainer: string
    deployments: ExpectedWorkload[]
    services: ServicesFileService[]
  }
  istio: {
    namespace: string
    deployments: PodsFileWorkload[]
    jobs: PodsFileWorkload[]
    services: ServicesFileService[]
  }
  namespaces: ExpectedNamespace[]
  charts: HelmSearchFile
  nodes: ExpectedNode[]
}

/** Returns the key of a READY map for a policy: `policyDisabled`, `policyEnabled`. */
export function policyKey(policy: string): string {
  return `policy${policy.charAt(0).toUpperCase()}${policy.slice(1)}`
}

/** Returns the READY of a workload for a policy; throws naming the workload when there is none. */
export function selectReady(
  workload: { name: string; ready: Record<string, string> },
  policy: string
): string {
  const ready = workload.ready[policyKey(policy)]
  if (ready === undefined) {
    throw new Error(
      `onap-pods.yaml: deployments[${workload.name}].ready has no ${policyKey(policy)} (has ${Object.keys(workload.ready).join(', ') || 'nothing'})`
    )
  }
  return ready
}

/** Returns the policy of a run: LAB_POLICY, else the profile's, else `disabled`. */
export function selectPolicy(
  fromEnv: string | undefined,
  fromProfile: string | undefined
): InjectorPolicy {
  const policy = fromEnv ?? fromProfile ?? 'disabled'
  if (!isInjectorPolicy(policy)) {
    const source = fromEnv !== undefined ? 'LAB_POLICY' : 'the profile istio.injectorPolicy'
    throw new Error(`${source} "${policy}": want enabled or disabled`)
  }
  return policy
}

/** Returns the expectations of a run from data files already read. */
export function resolveExpectations(
  files: ExpectationFiles,
  nodes: ExpectedNode[],
  policy: InjectorPolicy,
  maxRestarts: number
): Expectations {
  return {
    policy,
    maxRestarts,
    onap: {
      namespace: files.onapPods.namespace,
      sidecarContainer: files.onapPods.sidecarContainer,
      deployments: files.onapPods.deployments.map((d) => ({
        name: d.name,
        release: d.release,
        containers: d.containers,
        initContainers: d.initContainers,
        inject: d.inject,
        ready: selectReady(d, policy),
        status: d.status,
      })),
      services: files.onapServices.services,
    },
    istio: {
      namespace: files.istioPods.namespace,
      deployments: files.istioPods.deployments,
      jobs: files.istioPods.jobs,
      services: files.istioServices.services,
    },
    namespaces: files.namespaces.map((n) => ({
      ...n,
      istioInjection: REQUIRED_INJECTION_LABELS[n.name] ?? n.istioInjection,
    })),
    charts: files.helmSearch,
    nodes,
  }
}

/** Reads the data files named by the spec settings and returns the expectations of the run. */
export function loadExpectations(env: SpecEnv): Expectations {
  const lab = readLabDefinition(env.kindConfig, env.profile)
  const policy = selectPolicy(env.policy, lab.injectorPolicy)
  return resolveExpectations(
    readExpectationFiles(env.expectedDir),
    lab.nodes,
    policy,
    env.maxRestarts
  )
}

/**
 * Returns the problems of an expectation set that contradicts itself: a workload whose READY
 * total is not its containers plus the sidecar Istio 1.0 would inject under the policy.
 */
export function inconsistentReady(expected: Expectations): string[] {
  const label = expected.namespaces.find((n) => n.name === expected.onap.namespace)?.istioInjection
  return expected.onap.deployments.flatMap((d) => {
    const injected = injectRequired({
      policy: expected.policy,
      namespaceLabel: label,
      annotation: d.inject,
    })
    const total = d.containers.length + (injected ? 1 : 0)
    const want = `${total}/${total}`
    return d.ready === want
      ? []
      : [`${d.name}: READY ${d.ready}, but its containers and policy give ${want}`]
  })
}
