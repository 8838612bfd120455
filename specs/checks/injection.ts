// Injection: the namespace labels, the live injector policy, and for each pod an istio-proxy
// exactly when Istio 1.0's rule says so, with istio-init and the status annotation, never twice.
import {
  INJECTION_LABEL,
  INJECT_ANNOTATION,
  STATUS_ANNOTATION,
  anyValue,
  diffTable,
  injectRequired,
  injectorPolicyOf,
  podOwner,
  type Expectations,
  type LabClient,
  type Pod,
} from '../support/index.js'

/** Where Istio 1.0 keeps the injector's policy and template. */
export const INJECTOR_CONFIGMAP = {
  namespace: 'istio-system',
  name: 'istio-sidecar-injector',
} as const

/** The init container the injector adds. */
export const INIT_CONTAINER = 'istio-init'

/** Columns of the namespaces table. */
export const NAMESPACE_COLUMNS = ['NAME', 'STATUS', 'ISTIO-INJECTION'] as const

/** Columns of the sidecars table. */
export const SIDECAR_COLUMNS = [
  'POD',
  'OWNER',
  'INJECT',
  'ISTIO-PROXY',
  'ISTIO-INIT',
  'STATUS-ANNOTATION',
] as const

/**
 * Checks the namespaces of namespaces.yaml exist, Active, with their istio-injection label
 * (`onap` enabled, `istio-system` disabled, others none; "" in the table means no label). Other
 * namespaces are ignored. Fails with the table `namespaces (kubectl get namespace -L
 * istio-injection): …`.
 */
export async function checkNamespaceLabels(
  client: LabClient,
  expected: Expectations
): Promise<void> {
  const want = expected.namespaces.map((n) => ({
    NAME: n.name,
    STATUS: n.status,
    'ISTIO-INJECTION': n.istioInjection,
  }))
  const got = (await client.namespaces()).map((n) => ({
    NAME: n.metadata?.name ?? '',
    STATUS: n.status?.phase ?? '<none>',
    'ISTIO-INJECTION': n.metadata?.labels?.[INJECTION_LABEL] ?? '',
  }))
  diffTable(
    `namespaces (kubectl get namespace -L ${INJECTION_LABEL})`,
    NAMESPACE_COLUMNS,
    want,
    got,
    'NAME',
    {
      extra: 'ignore',
    }
  )
}

/**
 * Checks the live injector ConfigMap's policy is the run's policy (LAB_POLICY, else the profile's
 * istio.injectorPolicy). Fails with the table `injector policy: …` (CONFIGMAP, POLICY); a missing
 * ConfigMap is a `missing` row.
 */
export async function checkInjectorPolicy(
  client: LabClient,
  expected: Expectations
): Promise<void> {
  const { namespace, name } = INJECTOR_CONFIGMAP
  const cm = await client.configMap(namespace, name)
  const row = (policy: string) => ({ CONFIGMAP: `${namespace}/${name}`, POLICY: policy })
  const got = cm ? [row(injectorPolicyOf(cm.data?.config) ?? '<none>')] : []
  diffTable('injector policy', ['CONFIGMAP', 'POLICY'], [row(expected.policy)], got, 'CONFIGMAP')
}

/**
 * Checks every pod of the ONAP namespace: INJECT is its template's sidecar.istio.io/inject as
 * onap-pods.yaml gives it (`<none>` for none); it has one istio-proxy and one istio-init, and the
 * sidecar.istio.io/status annotation naming istio-proxy, exactly when Istio 1.0 injects under the
 * policy and the namespace's expected label; otherwise none of them. More than one istio-proxy
 * (a pod injected twice) shows as ISTIO-PROXY 2. Fails with the table `sidecars in onap …`.
 */
export async function checkSidecars(client: LabClient, expected: Expectations): Promise<void> {
  const ns = expected.onap.namespace
  const sidecar = expected.onap.sidecarContainer
  const label = expected.namespaces.find((n) => n.name === ns)?.istioInjection
  const byName = new Map(expected.onap.deployments.map((d) => [d.name, d]))
  const pods = await client.pods(ns)
  const want = pods.map((p) => {
    const owner = podOwner(p)
    const known = owner.kind === 'Deployment' ? byName.get(owner.name) : undefined
    // A pod of no expected Deployment is judged by its own annotation (inventory reports it).
    const annotation = known ? known.inject : (p.metadata?.annotations?.[INJECT_ANNOTATION] ?? null)
    const injected = injectRequired({
      policy: expected.policy,
      namespaceLabel: label,
      annotation,
      namespace: ns,
    })
    return {
      POD: p.metadata?.name ?? '',
      OWNER: owner.name,
      INJECT: known ? (known.inject ?? '<none>') : anyValue(),
      'ISTIO-PROXY': injected ? '1' : '0',
      'ISTIO-INIT': injected ? '1' : '0',
      'STATUS-ANNOTATION': injected ? 'yes' : 'no',
    }
  })
  const got = pods.map((p) => ({
    POD: p.metadata?.name ?? '',
    OWNER: podOwner(p).name,
    INJECT: p.metadata?.annotations?.[INJECT_ANNOTATION] ?? '<none>',
    'ISTIO-PROXY': String(count(p.spec?.containers, sidecar)),
    'ISTIO-INIT': String(count(p.spec?.initContainers, INIT_CONTAINER)),
    'STATUS-ANNOTATION': statusAnnotation(p, sidecar),
  }))
  const title = `sidecars in ${ns} (policy ${expected.policy}, ${INJECTION_LABEL}=${label || '<none>'})`
  diffTable(title, SIDECAR_COLUMNS, want, got, 'POD')
}

/**
 * Checks that the webhook injected no pod of istio-system (labelled disabled): any pod carrying
 * sidecar.istio.io/status is an `extra` row of `istio-system pods injected by the webhook (want
 * none): …`. (pilot, policy and telemetry bring their own istio-proxy; that is not injection.)
 */
export async function checkControlPlaneNotInjected(
  client: LabClient,
  expected: Expectations
): Promise<void> {
  const ns = expected.istio.namespace
  const got = (await client.pods(ns))
    .filter((p) => p.metadata?.annotations?.[STATUS_ANNOTATION] !== undefined)
    .map((p) => ({
      POD: p.metadata?.name ?? '',
      'STATUS-ANNOTATION': statusAnnotation(p, expected.onap.sidecarContainer),
    }))
  diffTable(
    `${ns} pods injected by the webhook (want none)`,
    ['POD', 'STATUS-ANNOTATION'],
    [],
    got,
    'POD'
  )
}

function count(containers: { name: string }[] | undefined, name: string): number {
  return (containers ?? []).filter((c) => c.name === name).length
}

// `yes` when the annotation is JSON listing the sidecar container, `no` when absent.
function statusAnnotation(pod: Pod, sidecar: string): string {
  const text = pod.metadata?.annotations?.[STATUS_ANNOTATION]
  if (text === undefined) return 'no'
  try {
    const status = JSON.parse(text) as { containers?: unknown }
    return Array.isArray(status.containers) && status.containers.includes(sidecar)
      ? 'yes'
      : 'invalid'
  } catch {
    return 'invalid'
  }
}
