import { existsSync, mkdirSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { prometheusAvailable } from '../src/addons/index.js'
import { msbBenchObjects } from '../src/bench/msb-objects.js'
import { servicesRef } from '../src/network/index.js'
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
} from '../specs/telemetry-checks.js'
import { launchBrowser } from './browser-addons.test.js'
import { ROOT, startClusterTestLab, until, type ClusterTestLab } from './support/lab-fixture.js'
import { Refs } from '../src/client/index.js'

// The whole path in a sim lab: Istio 1.0's manifest, an injected onap namespace with msb-iag and
// multicloud, traffic on msb-iag's NodePort; then the add-ons on the manifest's NodePorts
// (grafana 30300, servicegraph 30088, tracing 30188) over HTTP and in chromium.
/** Serves a Service's port on 127.0.0.1 (ephemeral), forwarding through the lab's pod network. */
async function forwardService(lab: ClusterTestLab, name: string, port: number): Promise<Server> {
  const svc = await lab.lab.cluster.client('test').get(servicesRef, name, 'istio-system')
  const ip = (svc.spec as { clusterIP: string }).clusterIP
  const server = createServer((req, res) => {
    lab.lab.dataPlane.network
      .fetch({ kind: 'host', ip: '127.0.0.1' }, `http://${ip}:${port}${req.url ?? '/'}`, {
        timeoutMs: 10_000,
      })
      .then((r) => res.writeHead(r.status, r.headers).end(r.body))
      .catch((err: unknown) => res.writeHead(502).end(String(err)))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  return server
}

const DEPLOYMENTS = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }
const NAMESPACES = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }
const SWAGGER = '/api/multicloud/v0/swagger.json'
const OUT = resolve(import.meta.dirname, '..', 'test-output')
const CHROMIUM = '/usr/bin/chromium'

describe('add-ons in a sim lab (istio.yaml + msb-iag → multicloud)', function () {
  this.timeout(240_000)
  let lab: ClusterTestLab
  let node = ''
  let gateway = ''
  const at = (port: number) => `http://${node}:${port}`
  const forwards = new Map<string, Server>()
  const svc = (name: string) =>
    `http://127.0.0.1:${(forwards.get(name)?.address() as AddressInfo).port}`
  const send = async (n: number, headers: Record<string, string> = {}) => {
    for (let i = 0; i < n; i++) {
      const r = await fetch(`${gateway}${SWAGGER}`, {
        headers,
        signal: AbortSignal.timeout(10_000),
      })
      await r.arrayBuffer()
      expect(r.status, `GET ${gateway}${SWAGGER}`).to.equal(200)
    }
  }
  const counter = async () =>
    scalarOf(
      promResult(
        await getJson<{ status?: string; data?: { result?: PromVector[] } }>(
          `${svc('grafana')}/api/datasources/proxy/1/api/v1/query?query=${encodeURIComponent('sum(istio_requests_total{reporter="destination",destination_service="multicloud.onap.svc.cluster.local"})')}`
        ),
        'the multicloud counter'
      ),
      'counter'
    )

  before(async () => {
    lab = await startClusterTestLab()
    const manifest = join(ROOT, 'fixtures', 'istio', 'istio.yaml')
    if ((await lab.kubectl(['apply', '-f', manifest])).code !== 0) {
      const again = await lab.kubectl(['apply', '-f', manifest])
      expect(again.code, again.stderr).to.equal(0)
    }
    await until(
      'istio-system deployments ready',
      async () => {
        const out = (
          await lab.kubectl(['get', 'deploy', '-n', 'istio-system', '--no-headers'])
        ).stdout
          .trim()
          .split('\n')
        return out.length > 5 && out.every((l) => /^\S+\s+(\d+)\/\1\s/.test(l))
      },
      120_000,
      500
    )
    const client = lab.lab.cluster.client('test')
    const objs = msbBenchObjects()
    await client.create(NAMESPACES, {
      ...objs.namespace,
      metadata: { name: 'onap', labels: { 'istio-injection': 'enabled' } },
    })
    // kube2msb lists Services and pods cluster-wide as onap's default account (RBAC).
    await client.create(Refs.clusterRoleBindings, objs.binding)
    for (const s of objs.services) await client.create(servicesRef, s)
    // The profile's injector policy may be `disabled`: msb-iag and multicloud ask for the sidecar.
    for (const d of objs.deployments) {
      if (/-(msb-iag|multicloud)$/.test(d.metadata.name ?? '')) {
        const t = (d.spec as { template: { metadata?: { annotations?: Record<string, string> } } })
          .template
        t.metadata = {
          ...t.metadata,
          annotations: { ...t.metadata?.annotations, 'sidecar.istio.io/inject': 'true' },
        }
      }
      await client.create(DEPLOYMENTS, d)
    }
    const iag = await client.get(servicesRef, 'msb-iag', 'onap')
    const port = (iag.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort
    node = (
      await lab.kubectl(['get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[0].address}'])
    ).stdout.trim()
    gateway = at(port)
    await until(
      'multicloud through msb-iag',
      async () => {
        try {
          const r = await fetch(`${gateway}${SWAGGER}`, { signal: AbortSignal.timeout(5000) })
          await r.arrayBuffer()
          return r.status === 200
        } catch {
          return false
        }
      },
      120_000,
      500
    )
    // The add-ons through host listeners that forward to their Services' ClusterIPs (as
    // `kubectl port-forward svc/…` would): another lab on this machine may hold the manifest's
    // NodePorts on the same node address.
    for (const [name, port] of [
      ['grafana', 3000],
      ['servicegraph', 8088],
      ['tracing', 80],
    ] as const)
      forwards.set(name, await forwardService(lab, name, port))
  })
  after(async () => {
    for (const f of forwards.values()) f.close()
    await lab?.stop()
  })

  it('counts N requests on the destination reporter (grafana datasource proxy)', async () => {
    // The readiness loop above got at least one 200 through msb-iag: wait until the counter shows
    // it (a real Prometheus's first scrape of istio-telemetry may come later), then let it settle.
    await eventually(async () => {
      const seen = await counter()
      if (!(seen >= 1)) throw new Error(`the readiness request is not counted yet (${seen})`)
    }, 60_000)
    const before = await settled(counter)
    await send(5)
    await eventually(
      async () => checkCounterGrowth(before, await counter(), 5, 'istio_requests_total'),
      30_000
    )
  })

  it('draws msb-iag → multicloud on servicegraph and links the spans in one trace', async () => {
    const id = crypto.randomUUID()
    await send(1, { 'x-request-id': id })
    await eventually(
      async () =>
        checkGraphEdge(
          await getJson<ServiceGraph>(`${svc('servicegraph')}/graph?filter_empty=true`),
          'msb-iag',
          'multicloud'
        ),
      30_000
    )
    const tags = encodeURIComponent(JSON.stringify({ 'guid:x-request-id': id }))
    await eventually(
      async () =>
        checkTraceLink(
          (
            await getJson<{ data: JaegerTraceJson[] }>(
              `${svc('tracing')}/api/traces?service=msb-iag&tags=${tags}`
            )
          ).data,
          'msb-iag',
          'multicloud'
        ),
      20_000,
      1000
    )
  })

  it("scrapes Pilot's and Galley's http-monitoring (9093) and the kubelets' cAdvisor: the pilot, galley and kubernetes-* jobs are up", async function () {
    if (!prometheusAvailable()) {
      console.log('    (skipped: /usr/bin/prometheus is missing — apt-get install prometheus)')
      this.skip()
    }
    // istio.yaml has no istio-galley Service (the page's listing has none): add the chart's, whose
    // http-monitoring port the `galley` job keeps.
    await lab.lab.cluster.client('test').create(servicesRef, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'istio-galley', namespace: 'istio-system', labels: { istio: 'galley' } },
      spec: {
        selector: { istio: 'galley' },
        ports: [
          { name: 'https-validation', port: 443 },
          { name: 'http-monitoring', port: 9093 },
        ],
      },
    })
    // kubeadm's CoreDNS (lab:up's master step applies these addons; the test lab is bare).
    const addons = await lab.kubectl([
      'apply',
      '-f',
      join(ROOT, 'lab', 'install', 'kubeadm-addons.yaml'),
    ])
    expect(addons.code, addons.stderr).to.equal(0)
    forwards.set('prometheus', await forwardService(lab, 'prometheus', 9090))
    type Target = { labels: Record<string, string>; health: string; lastError?: string }
    const wanted = [
      'pilot',
      'galley',
      'kubernetes-apiservers',
      'kubernetes-nodes',
      'kubernetes-cadvisor',
      // kube-dns's prometheus.io annotations: CoreDNS's :9153/metrics.
      'kubernetes-service-endpoints',
    ]
    let last: Target[] = []
    await until(
      'the pilot, galley and kubernetes-* targets up',
      async () => {
        const r = await getJson<{ data?: { activeTargets?: Target[] } }>(
          `${svc('prometheus')}/api/v1/targets`
        ).catch(() => undefined)
        last = r?.data?.activeTargets ?? []
        const dns = last.filter((t) => t.labels.kubernetes_name === 'kube-dns')
        return (
          wanted.every((job) => last.some((t) => t.labels.job === job && t.health === 'up')) &&
          dns.length > 0 &&
          dns.every((t) => t.health === 'up')
        )
      },
      45_000,
      1000
    ).catch(() => undefined)
    const jobs = last
      .filter((t) => wanted.includes(t.labels.job ?? ''))
      .map((t) => `${t.labels.job} ${t.labels.instance} ${t.health} ${t.lastError ?? ''}`.trim())
    expect([
      ...new Set(jobs.filter((j) => / up$/.test(j)).map((j) => j.split(' ')[0])),
    ]).to.have.members(wanted, `the targets: ${jobs.join('; ') || 'none'}`)
    // The nodes job's instances are the nodes (as Prometheus's node role names them).
    const nodes = (await lab.kubectl(['get', 'nodes', '-o', 'name'])).stdout
      .trim()
      .split('\n')
      .map((n) => n.replace(/^node\//, ''))
    expect(
      last.filter((t) => t.labels.job === 'kubernetes-cadvisor').map((t) => t.labels.instance)
    ).to.have.members(nodes)
    // One kube-dns target per CoreDNS pod, each up, counting the queries the cluster DNS answered.
    const dnsPods = (
      await lab.kubectl([
        'get',
        'pods',
        '-n',
        'kube-system',
        '-l',
        'k8s-app=kube-dns',
        '-o',
        'jsonpath={.items[*].status.podIP}',
      ])
    ).stdout
      .trim()
      .split(/\s+/)
    const dns = last.filter(
      (t) =>
        t.labels.job === 'kubernetes-service-endpoints' && t.labels.kubernetes_name === 'kube-dns'
    )
    expect(dns.map((t) => `${t.labels.instance} ${t.health}`)).to.have.members(
      dnsPods.map((ip) => `${ip}:9153 up`)
    )
    await eventually(async () => {
      const r = await getJson<{ data?: { result?: PromVector[] } }>(
        `${svc('prometheus')}/api/v1/query?query=${encodeURIComponent('sum(coredns_dns_request_count_total{zone="."})')}`
      )
      if (!(Number(r.data?.result?.[0]?.value[1]) > 0))
        throw new Error(`no CoreDNS queries counted: ${JSON.stringify(r.data?.result)}`)
    }, 40_000)
    // cAdvisor's series come from what the containers did: msb-iag's pod received the traffic.
    await send(3)
    const q = encodeURIComponent(
      'sum(container_network_receive_bytes_total{namespace="onap",container_name="POD",interface="eth0"}) by (pod_name)'
    )
    await eventually(async () => {
      const r = await getJson<{ data?: { result?: PromVector[] } }>(
        `${svc('prometheus')}/api/v1/query?query=${q}`
      )
      const iag = r.data?.result?.find((x) => /msb-iag/.test(x.metric.pod_name ?? ''))
      if (!iag || !(Number(iag.value[1]) > 0))
        throw new Error(`no eth0 bytes for msb-iag's pod: ${JSON.stringify(r.data?.result)}`)
    }, 40_000)
  })

  it('shows the traffic on the force graph, the trace page and the mesh dashboard', async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    (skipped: ${CHROMIUM} is missing — apt-get install chromium)`)
      this.skip()
    }
    const browser = await launchBrowser()
    const shot = async (page: Page, name: string) => {
      mkdirSync(OUT, { recursive: true })
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true })
    }
    try {
      await send(3)
      const page = await browser.context.newPage()
      await page.goto(`${svc('servicegraph')}/force/forcegraph.html?filter_empty=true`)
      await page.waitForSelector('g.link-group')
      const edges = await page.$$eval('g.link-group', (els) =>
        els.map((e) => `${e.getAttribute('data-source')} -> ${e.getAttribute('data-target')}`)
      )
      expect(edges.some((e) => /^msb-iag \(.*\) -> multicloud \(/.test(e))).to.equal(true)
      await shot(page, 'lab-servicegraph-force')
      await page.goto(`${svc('tracing')}/?service=multicloud`)
      await page.waitForSelector('.result')
      await page.click('.result')
      await page.waitForSelector('.span-row[data-service="multicloud"]')
      await shot(page, 'lab-trace')
      await page.goto(`${svc('grafana')}/d/1/istio-mesh-dashboard`)
      await page.waitForFunction(
        `Number(document.querySelector('section[data-panel="Global Request Volume"]')?.getAttribute('data-value')) > 0`,
        undefined,
        { timeout: 30_000 }
      )
      // The workload table loads after the stats: wait for multicloud's row with a non-zero
      // request volume (its third cell, `<rate> ops`) so the screenshot shows it.
      await page
        .locator('section[data-panel="HTTP/GRPC Workloads"] tbody tr')
        .filter({ hasText: 'multicloud' })
        .filter({ has: page.locator('td:nth-child(3)', { hasText: /^(?!0\.000 )\d+\.\d+ ops$/ }) })
        .first()
        .waitFor({ timeout: 30_000 })
      await shot(page, 'lab-mesh-dashboard')
    } finally {
      await browser.stop()
    }
  })
})
