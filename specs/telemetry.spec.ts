// Issue 15's telemetry specs: N requests through msb-iag to multicloud show up in Istio's metrics
// (destination reporter), in the service graph and in one trace. Kubeconfig + HTTP only: the node
// address and NodePorts come from the API; the add-ons are read on their NodePorts.
import {
  promResult,
  checkCounterGrowth,
  checkGraphEdge,
  checkTraceLink,
  eventually,
  getJson,
  scalarOf,
  settled,
  type JaegerTraceJson,
  type PromVector,
  type ServiceGraph,
} from './telemetry-checks.js'
import { specContext } from './support/index.js'

const N = 5

/**
 * The multicloud service the checks go to: the framework (`multicloud`) when its pod has a
 * sidecar, else `multicloud-vio`. OOM never annotated the framework pod for injection, so with the
 * page's injector policy (disabled) it runs without Envoy (2/2 on the page): no proxy reports at
 * the destination, no servicegraph edge and no span of its own, in the lab as on a real mesh.
 */
async function meshedMulticloud(): Promise<{ app: string; swagger: string; service: string }> {
  const pods = await specContext().client.pods('onap')
  const framework = pods.filter((p) => p.metadata?.labels?.['app'] === 'multicloud')
  const meshed = framework.some((p) =>
    (p.spec?.containers ?? []).some((c) => c.name === 'istio-proxy')
  )
  const app = meshed ? 'multicloud' : 'multicloud-vio'
  return {
    app,
    swagger: `/api/${app}/v0/swagger.json`,
    service: `${app}.onap.svc.cluster.local`,
  }
}

const counterQuery = (service: string) =>
  `sum(istio_requests_total{reporter="destination",destination_service="${service}"})`

async function endpoints() {
  const { client } = specContext()
  const nodes = await client.nodes()
  const status = nodes[0]?.status as { addresses?: { type: string; address: string }[] } | undefined
  const ip = status?.addresses?.find((a) => a.type === 'InternalIP')?.address
  if (!ip) throw new Error('no node has an InternalIP')
  const nodePort = async (ns: string, svc: string) => {
    const s = (await client.services(ns)).find((x) => x.metadata?.name === svc)
    const p = s?.spec?.ports?.find((x) => x.nodePort !== undefined)?.nodePort
    if (p === undefined) throw new Error(`service ${ns}/${svc} has no NodePort`)
    return `http://${ip}:${p}`
  }
  return {
    gateway: await nodePort('onap', 'msb-iag'),
    grafana: await nodePort('istio-system', 'grafana'),
    servicegraph: await nodePort('istio-system', 'servicegraph'),
    tracing: await nodePort('istio-system', 'tracing'),
  }
}

async function sendThroughGateway(
  gateway: string,
  swagger: string,
  n: number,
  headers: Record<string, string> = {}
) {
  for (let i = 0; i < n; i++) {
    const res = await fetch(`${gateway}${swagger}`, {
      headers,
      signal: AbortSignal.timeout(10_000),
    })
    await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`GET ${gateway}${swagger} answered ${res.status}`)
  }
}

const promQuery = async (grafana: string, q: string) =>
  scalarOf(
    promResult(
      await getJson<{ status?: string; data?: { result?: PromVector[] } }>(
        `${grafana}/api/datasources/proxy/1/api/v1/query?query=${encodeURIComponent(q)}`
      ),
      q
    ),
    q
  )

describe('telemetry (issue 15)', function () {
  this.timeout(60_000)

  it(`counts ${N} requests through msb-iag in istio_requests_total of a meshed multicloud (destination reporter)`, async () => {
    const { gateway, grafana } = await endpoints()
    const target = await meshedMulticloud()
    const query = counterQuery(target.service)
    // Let earlier traffic settle into the counter (a real Prometheus scrapes every 5 s).
    const before = await settled(() => promQuery(grafana, query))
    await sendThroughGateway(gateway, target.swagger, N)
    await eventually(
      async () =>
        checkCounterGrowth(
          before,
          await promQuery(grafana, query),
          N,
          `istio_requests_total{destination_service="${target.service}",reporter="destination"}`
        ),
      20_000
    )
  })

  it('has the edge msb-iag → the meshed multicloud in the service graph', async () => {
    const { gateway, servicegraph } = await endpoints()
    const target = await meshedMulticloud()
    await sendThroughGateway(gateway, target.swagger, 2)
    await eventually(
      async () =>
        checkGraphEdge(
          await getJson<ServiceGraph>(`${servicegraph}/graph?time_horizon=5m&filter_empty=true`),
          'msb-iag',
          target.app
        ),
      20_000
    )
  })

  it('holds the msb-iag and multicloud spans of one request in one trace (parent → child)', async () => {
    const { gateway, tracing } = await endpoints()
    const target = await meshedMulticloud()
    const requestId = crypto.randomUUID()
    await sendThroughGateway(gateway, target.swagger, 1, { 'x-request-id': requestId })
    const tags = encodeURIComponent(JSON.stringify({ 'guid:x-request-id': requestId }))
    // Envoy 1.0 flushes its spans every 5 s.
    await eventually(
      async () => {
        const found = await getJson<{ data: JaegerTraceJson[] }>(
          `${tracing}/api/traces?service=msb-iag&tags=${tags}&lookback=1h&limit=20`
        )
        checkTraceLink(found.data, 'msb-iag', target.app)
      },
      20_000,
      1000
    )
  })

  it("scrapes each node's kubelet and cAdvisor through the API server (kubernetes-* jobs up)", async function () {
    const { gateway, grafana } = await endpoints()
    const source = await getJson<{ kind?: string }>(`${grafana}/api/lab/datasource`)
    // `up` and cAdvisor's series exist only in a real Prometheus (the lab's store holds Istio's).
    if (source.kind !== 'prometheus') this.skip()
    const nodes = (await specContext().client.nodes()).length
    const jobs = {
      'kubernetes-apiservers': 1,
      'kubernetes-nodes': nodes,
      'kubernetes-cadvisor': nodes,
    }
    await eventually(
      async () => {
        for (const [job, n] of Object.entries(jobs)) {
          const up = await promQuery(grafana, `sum(up{job="${job}"})`)
          if (up !== n) throw new Error(`${job}: ${up} of ${n} targets up`)
        }
      },
      40_000,
      1000
    )
    const target = await meshedMulticloud()
    await sendThroughGateway(gateway, target.swagger, 2)
    const q =
      'sum(container_network_receive_bytes_total{namespace="onap",container_name="POD",pod_name=~".*msb-iag.*"})'
    await eventually(
      async () => {
        const bytes = await promQuery(grafana, q)
        if (!(bytes > 0))
          throw new Error(`cAdvisor shows no eth0 bytes for msb-iag's pod: ${bytes}`)
      },
      40_000,
      1000
    )
  })
})
