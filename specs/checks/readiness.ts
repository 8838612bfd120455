// Readiness: every pod Running with the expected READY for the policy, few restarts, and every
// Deployment available.
import {
  allOfAtLeastOne,
  anyValue,
  atMost,
  diffTable,
  formatReady,
  podOwner,
  podReady,
  podRestarts,
  podStatus,
  type ActualRow,
  type Expectations,
  type LabClient,
  type Pod,
} from '../support/index.js'

/** Columns of the pods tables. */
export const POD_COLUMNS = ['OWNER', 'POD', 'READY', 'STATUS', 'RESTARTS'] as const

/** Columns of the deployments availability table. */
export const AVAILABILITY_COLUMNS = ['DEPLOYMENT', 'READY', 'AVAILABLE'] as const

/**
 * Checks one pod per ONAP Deployment, each with READY as the active policy expects (ready
 * containers / containers, as kubectl counts them), STATUS Running and RESTARTS at most the limit.
 * Pods are keyed by their Deployment (OWNER); a second pod of one Deployment, or a pod of no
 * expected Deployment, is `extra`. Fails with the table `pods in onap (policy …): …`.
 */
export async function checkOnapPods(client: LabClient, expected: Expectations): Promise<void> {
  const ns = expected.onap.namespace
  const want = expected.onap.deployments.map((d) => ({
    OWNER: d.name,
    POD: anyValue(),
    READY: d.ready,
    STATUS: d.status,
    RESTARTS: atMost(expected.maxRestarts),
  }))
  const got = (await client.pods(ns)).map((p) => podRow(p, false))
  diffTable(`pods in ${ns} (policy ${expected.policy})`, POD_COLUMNS, want, got, 'OWNER')
}

/**
 * Checks the pods of istio-system against istio-system-pods.yaml: one per Deployment
 * (`deployment/<name>`) and per hook Job (`job/<name>`, Completed 0/1), READY and STATUS as
 * listed, RESTARTS at most the limit. Fails with the table `pods in istio-system: …`.
 */
export async function checkIstioPods(client: LabClient, expected: Expectations): Promise<void> {
  const ns = expected.istio.namespace
  const row = (kind: string) => (w: { name: string; ready: string; status: string }) => ({
    OWNER: `${kind}/${w.name}`,
    POD: anyValue(),
    READY: w.ready,
    STATUS: w.status,
    RESTARTS: atMost(expected.maxRestarts),
  })
  const want = [
    ...expected.istio.deployments.map(row('deployment')),
    ...expected.istio.jobs.map(row('job')),
  ]
  const got = (await client.pods(ns)).map((p) => podRow(p, true))
  diffTable(`pods in ${ns}`, POD_COLUMNS, want, got, 'OWNER')
}

/**
 * Checks that every expected Deployment of onap and istio-system has all its replicas ready (and
 * at least one) and the condition Available=True. Fails with the table `deployments available: …`
 * (DEPLOYMENT as `<namespace>/<name>`, READY as `ready/desired`).
 */
export async function checkDeploymentsAvailable(
  client: LabClient,
  expected: Expectations
): Promise<void> {
  const names = [
    ...expected.onap.deployments.map((d) => `${expected.onap.namespace}/${d.name}`),
    ...expected.istio.deployments.map((d) => `${expected.istio.namespace}/${d.name}`),
  ]
  const want = names.map((name) => ({
    DEPLOYMENT: name,
    READY: allOfAtLeastOne(),
    AVAILABLE: 'True',
  }))
  const namespaces = [expected.onap.namespace, expected.istio.namespace]
  const got = (await Promise.all(namespaces.map((ns) => client.deployments(ns))))
    .flat()
    .map((d) => ({
      DEPLOYMENT: `${d.metadata?.namespace}/${d.metadata?.name}`,
      READY: `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
      AVAILABLE: d.status?.conditions?.find((c) => c.type === 'Available')?.status ?? '<none>',
    }))
  diffTable('deployments available', AVAILABILITY_COLUMNS, want, got, 'DEPLOYMENT', {
    extra: 'ignore',
  })
}

function podRow(pod: Pod, withKind: boolean): ActualRow {
  const owner = podOwner(pod)
  const plain = owner.kind === 'Deployment' && !withKind
  return {
    OWNER: plain ? owner.name : `${owner.kind.toLowerCase()}/${owner.name}`,
    POD: pod.metadata?.name ?? '',
    READY: formatReady(podReady(pod)),
    STATUS: podStatus(pod),
    RESTARTS: String(podRestarts(pod)),
  }
}
