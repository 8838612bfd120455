// MSB: the page's second half through msb-iag's NodePort on every node address — every service
// the page's charts register is routed, msb-discovery lists exactly what the annotations say, the
// page's three swagger URLs answer, an unregistered path gets MSB's 502.
import {
  answerText,
  diffTable,
  httpRequest,
  publishedPath,
  serviceInfoEntries,
  type HttpAnswer,
  type LabClient,
  type Matcher,
  type MsbEntry,
  type MsbExpectations,
  type Node,
  type Pod,
  type Service,
} from '../support/index.js'

const ANNOTATION = 'msb.onap.org/service-info'

type NodeWithAddresses = Node & { status?: { addresses?: { type: string; address: string }[] } }
type ServiceWithSelector = Service & { spec?: { selector?: Record<string, string> } }

/** A routed answer: anything the service itself sent, not a gateway failure (502/503/504) or silence. */
export const routed: Matcher = {
  text: 'routed (not 502/503/504)',
  test: (a) => /^\d{3}$/.test(a) && !['502', '503', '504'].includes(a),
}

/** The lab's node addresses (InternalIP) and the NodePort of a Service port. */
async function entryPoints(client: LabClient, ns: string, svc: { service: string; port: number }) {
  const nodes = (await client.nodes()) as NodeWithAddresses[]
  const addresses = nodes.flatMap(
    (n) => n.status?.addresses?.filter((a) => a.type === 'InternalIP').map((a) => a.address) ?? []
  )
  const service = (await client.services(ns)).find((s) => s.metadata?.name === svc.service)
  const nodePort = service?.spec?.ports?.find((p) => p.port === svc.port)?.nodePort
  if (!nodePort)
    throw new Error(
      `no NodePort for ${ns}/${svc.service} port ${svc.port}: cannot reach it from outside`
    )
  return { addresses, nodePort }
}

/**
 * Checks that every registration of the page's Services (onap-services.yaml `msbServiceInfo`,
 * those msb-iag routes: visualRange 1) is routed by msb-iag on every node address. Fails with
 * the table `routes through msb-iag` naming the service, version and node.
 */
export async function checkMsbRoutes(
  client: LabClient,
  msb: MsbExpectations,
  ns: string
): Promise<void> {
  const { addresses, nodePort } = await entryPoints(client, ns, msb.gateway)
  const entries = msb.registered.filter((e) => e.visualRange.split('|').includes('1'))
  const want = entries.flatMap((e) =>
    addresses.map((a) => ({
      SERVICE: `${e.serviceName}/${e.version || 'null'}`,
      NODE: a,
      PATH: publishedPath(e),
      ANSWER: routed,
    }))
  )
  const got = await Promise.all(
    entries.flatMap((e) =>
      addresses.map(async (a) => {
        const res = await httpRequest(`http://${a}:${nodePort}${publishedPath(e)}`)
        return {
          SERVICE: `${e.serviceName}/${e.version || 'null'}`,
          NODE: a,
          PATH: publishedPath(e),
          ANSWER: answerText(res),
        }
      })
    )
  )
  diffTable(
    `routes through ${msb.gateway.service} (curl http://<node>:${nodePort}<path>)`,
    ['SERVICE', 'NODE', 'PATH', 'ANSWER'],
    want,
    got,
    ['SERVICE', 'NODE']
  )
}

/**
 * Checks that msb-discovery lists exactly the registrations the live `msb.onap.org/service-info`
 * annotations of the namespace's Services make (read through the API; a malformed one registers
 * nothing). Fails with the table `services in msb-discovery` naming missing and extra ones.
 */
export async function checkMsbDiscovery(
  client: LabClient,
  msb: MsbExpectations,
  ns: string
): Promise<void> {
  const services = await client.services(ns)
  const want = services
    .flatMap((s) =>
      serviceInfoEntries(s.metadata?.name ?? '', s.metadata?.annotations?.[ANNOTATION])
    )
    .map((e) => ({
      SERVICE: `${e.serviceName}/${e.version || 'null'}`,
      URL: e.url,
      PROTOCOL: e.protocol,
    }))
  const { addresses, nodePort } = await entryPoints(client, ns, msb.discovery)
  const url = `http://${addresses[0] ?? '127.0.0.1'}:${nodePort}/api/microservices/v1/services`
  const res = await httpRequest(url)
  if (res.status !== 200)
    throw new Error(`GET ${url}: ${answerText(res)}, want 200 and the list of services`)
  const list = JSON.parse(res.body) as {
    serviceName: string
    version: string
    url: string
    protocol: string
  }[]
  const got = list.map((s) => ({
    SERVICE: `${s.serviceName}/${s.version || 'null'}`,
    URL: s.url,
    PROTOCOL: s.protocol,
  }))
  diffTable(
    `services in ${msb.discovery.service} (GET ${url})`,
    ['SERVICE', 'URL', 'PROTOCOL'],
    want,
    got,
    'SERVICE'
  )
}

/**
 * Checks the page's swagger URLs (msb.yaml) on every node address: status, `swagger`, `info.title`
 * and `basePath`. A failing URL's row says why: the answer, and the ready pods behind its Service.
 */
export async function checkMsbSwagger(
  client: LabClient,
  msb: MsbExpectations,
  ns: string
): Promise<void> {
  const { addresses, nodePort } = await entryPoints(client, ns, msb.gateway)
  const services = (await client.services(ns)) as ServiceWithSelector[]
  const pods = await client.pods(ns)
  const cols = ['URL', 'NODE', 'STATUS', 'SWAGGER', 'TITLE', 'BASEPATH', 'BACKEND'] as const
  const want = msb.swagger.flatMap((u) =>
    addresses.map((a) => ({
      URL: u.path,
      NODE: a,
      STATUS: String(u.status),
      SWAGGER: u.swagger,
      TITLE: u.title,
      BASEPATH: u.basePath,
      BACKEND: anyBackend,
    }))
  )
  const got = await Promise.all(
    msb.swagger.flatMap((u) =>
      addresses.map(async (a) => {
        const res = await httpRequest(`http://${a}:${nodePort}${u.path}`)
        const doc = swaggerOf(res)
        return {
          URL: u.path,
          NODE: a,
          STATUS: answerText(res),
          SWAGGER: doc.swagger,
          TITLE: doc.title,
          BASEPATH: doc.basePath,
          BACKEND: backendText(
            services.find((s) => s.metadata?.name === u.service),
            pods,
            u.service
          ),
        }
      })
    )
  )
  diffTable(`the page's swagger URLs (curl http://<node>:${nodePort}<url>)`, cols, want, got, [
    'URL',
    'NODE',
  ])
}

/** Checks that a path no service registers gets MSB's 502 page on every node address. */
export async function checkMsbUnregistered(
  client: LabClient,
  msb: MsbExpectations,
  ns: string
): Promise<void> {
  const { addresses, nodePort } = await entryPoints(client, ns, msb.gateway)
  const u = msb.unregistered
  const want = addresses.map((a) => ({ NODE: a, ANSWER: `${u.status} ${u.message}` }))
  const got = await Promise.all(
    addresses.map(async (a) => ({
      NODE: a,
      ANSWER: answerText(await httpRequest(`http://${a}:${nodePort}${u.path}`)),
    }))
  )
  diffTable(
    `an unregistered path through ${msb.gateway.service} (curl http://<node>:${nodePort}${u.path})`,
    ['NODE', 'ANSWER'],
    want,
    got,
    'NODE'
  )
}

const anyBackend: Matcher = { text: '(any)', test: () => true }

function swaggerOf(res: HttpAnswer): { swagger: string; title: string; basePath: string } {
  try {
    const d = JSON.parse(res.body) as {
      swagger?: string
      info?: { title?: string }
      basePath?: string
    }
    return {
      swagger: d.swagger ?? '<none>',
      title: d.info?.title ?? '<none>',
      basePath: d.basePath ?? '<none>',
    }
  } catch {
    // Not JSON (an error page): the row shows it as such.
    return { swagger: '<not JSON>', title: '<not JSON>', basePath: '<not JSON>' }
  }
}

// Why a URL may fail: how many ready pods the Service behind it selects.
function backendText(svc: ServiceWithSelector | undefined, pods: Pod[], name: string): string {
  if (!svc) return `no Service ${name}`
  const sel = Object.entries(svc.spec?.selector ?? {})
  const chosen = pods.filter((p) => sel.every(([k, v]) => p.metadata?.labels?.[k] === v))
  const ready = chosen.filter((p) =>
    p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
  )
  return `${name}: ${ready.length}/${chosen.length} pods ready`
}

/** Returns the registrations a Service's live annotation makes (for messages and tests). */
export function liveEntries(svc: Service): MsbEntry[] {
  return serviceInfoEntries(svc.metadata?.name ?? '', svc.metadata?.annotations?.[ANNOTATION])
}
