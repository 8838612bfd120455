// Inventory: the Services of onap and istio-system and the Deployments of each ONAP release,
// nothing missing and nothing extra.
import {
  anyValue,
  diffTable,
  serviceExternalIp,
  servicePorts,
  type Expectations,
  type LabClient,
} from '../support/index.js'

/** Columns of the onap services table. */
export const ONAP_SERVICE_COLUMNS = ['NAME', 'RELEASE', 'TYPE', 'PORT(S)'] as const

/** Columns of the istio-system services table. */
export const ISTIO_SERVICE_COLUMNS = ['NAME', 'TYPE', 'EXTERNAL-IP', 'PORT(S)'] as const

/** Columns of the release deployments table. */
export const RELEASE_DEPLOYMENT_COLUMNS = ['DEPLOYMENT', 'RELEASE', 'CONTAINERS'] as const

/**
 * Checks the Services of the ONAP namespace against onap-services.yaml: name, `release` label,
 * type and PORT(S) (`port[:nodePort]/PROTO`, so NodePorts are compared too). Fails with the table
 * `services in onap: …`.
 */
export async function checkOnapServices(client: LabClient, expected: Expectations): Promise<void> {
  const ns = expected.onap.namespace
  const want = expected.onap.services.map((s) => ({
    NAME: s.name,
    RELEASE: s.release ?? anyValue(),
    TYPE: s.type,
    'PORT(S)': s.ports.join(','),
  }))
  const got = (await client.services(ns)).map((s) => ({
    NAME: s.metadata?.name ?? '',
    RELEASE: s.metadata?.labels?.release ?? '<none>',
    TYPE: s.spec?.type ?? 'ClusterIP',
    'PORT(S)': servicePorts(s).join(','),
  }))
  diffTable(`services in ${ns} (kubectl get svc -n ${ns})`, ONAP_SERVICE_COLUMNS, want, got, 'NAME')
}

/**
 * Checks the Services of istio-system against istio-system-services.yaml: name, type,
 * EXTERNAL-IP and PORT(S). Fails with the table `services in istio-system: …`.
 */
export async function checkIstioServices(client: LabClient, expected: Expectations): Promise<void> {
  const ns = expected.istio.namespace
  const want = expected.istio.services.map((s) => ({
    NAME: s.name,
    TYPE: s.type,
    'EXTERNAL-IP': s.externalIP ?? anyValue(),
    'PORT(S)': s.ports.join(','),
  }))
  const got = (await client.services(ns)).map((s) => ({
    NAME: s.metadata?.name ?? '',
    TYPE: s.spec?.type ?? 'ClusterIP',
    'EXTERNAL-IP': serviceExternalIp(s),
    'PORT(S)': servicePorts(s).join(','),
  }))
  diffTable(
    `services in ${ns} (kubectl get svc -n ${ns})`,
    ISTIO_SERVICE_COLUMNS,
    want,
    got,
    'NAME'
  )
}

/**
 * Checks the Deployments of the ONAP namespace against onap-pods.yaml: one per expected workload,
 * with its `release` label (msb, vfc, multicloud) and its pod template's containers. Fails with
 * the table `deployments in onap: …`.
 */
export async function checkReleaseDeployments(
  client: LabClient,
  expected: Expectations
): Promise<void> {
  const ns = expected.onap.namespace
  const releases = [...new Set(expected.onap.deployments.map((d) => d.release))]
  const want = expected.onap.deployments.map((d) => ({
    DEPLOYMENT: d.name,
    RELEASE: d.release,
    CONTAINERS: d.containers.join(','),
  }))
  const got = (await client.deployments(ns)).map((d) => ({
    DEPLOYMENT: d.metadata?.name ?? '',
    RELEASE: d.metadata?.labels?.release ?? '<none>',
    CONTAINERS: (d.spec?.template.spec?.containers ?? []).map((c) => c.name).join(','),
  }))
  diffTable(
    `deployments in ${ns} (releases ${releases.join(', ')})`,
    RELEASE_DEPLOYMENT_COLUMNS,
    want,
    got,
    'DEPLOYMENT'
  )
}
