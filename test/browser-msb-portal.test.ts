import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect } from 'chai'
import type { Page } from 'playwright-core'
import { msbBenchObjects } from '../src/bench/msb-objects.js'
import { servicesRef } from '../src/network/index.js'
import { launchBrowser } from './browser-addons.test.js'
import { startClusterTestLab, until, type ClusterTestLab } from './support/lab-fixture.js'
import { Refs } from '../src/client/index.js'

// The MSB portal in chromium: a sim lab with msb-consul, msb-discovery, kube2msb, msb-iag and
// multicloud (annotated `msb.onap.org/service-info`); the page on msb-iag's NodePort lists what
// kube2msb registered in msb-discovery, and drops multicloud once its annotation is removed.
const DEPLOYMENTS = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }
const NAMESPACES = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }
const PORTAL = '/iui/microservices/default.html'
const OUT = resolve(import.meta.dirname, '..', 'test-output')
const CHROMIUM = '/usr/bin/chromium'

// A second annotated Service (no pods: kube2msb registers the Service's cluster IP).
const SO = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name: 'so',
    namespace: 'onap',
    annotations: {
      'msb.onap.org/service-info':
        '[{"serviceName":"so","version":"v1","url":"/onap/so/infra","protocol":"REST","port":"8080","visualRange":"1"}]',
    },
  },
  spec: { selector: { app: 'so' }, ports: [{ name: 'http-so', port: 8080, targetPort: 8080 }] },
}

/** The first cells (service names) of the portal's table rows; empty when none is registered. */
const listedNames = (page: Page): Promise<string[]> =>
  page.$$eval('#services tr', (rows) =>
    rows
      .map((r) => r.querySelectorAll('td'))
      .filter((tds) => tds.length > 1)
      .map((tds) => tds[0]?.textContent ?? '')
  )

describe('browser: the MSB portal lists the services registered in msb-discovery', function () {
  this.timeout(60_000)
  let lab: ClusterTestLab | undefined
  let portal = ''
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    (skipped: ${CHROMIUM} is missing — apt-get install chromium)`)
      this.skip()
    }
    lab = await startClusterTestLab()
    const client = lab.lab.cluster.client('test')
    const objs = msbBenchObjects()
    await client.create(NAMESPACES, objs.namespace)
    // kube2msb lists Services and pods cluster-wide as onap's default account (RBAC).
    await client.create(Refs.clusterRoleBindings, objs.binding)
    for (const s of [...objs.services, SO]) await client.create(servicesRef, s)
    for (const d of objs.deployments) await client.create(DEPLOYMENTS, d)
    const iag = await client.get(servicesRef, 'msb-iag', 'onap')
    const port = (iag.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort
    const node = (
      await lab.kubectl(['get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[0].address}'])
    ).stdout.trim()
    portal = `http://${node}:${port}${PORTAL}`
    // kube2msb registers multicloud in msb-discovery; the gateway learns it through consul.
    await until(
      'multicloud and so on the MSB portal (HTTP)',
      async () => {
        try {
          const r = await fetch(portal, { signal: AbortSignal.timeout(3000) })
          const html = r.status === 200 ? await r.text() : ''
          return html.includes('<td>multicloud</td>') && html.includes('<td>so</td>')
        } catch {
          return false
        }
      },
      30_000,
      500
    )
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.stop()
    await lab?.stop()
  })

  it('shows multicloud, then drops it once its msb.onap.org/service-info annotation is removed', async () => {
    const page = await browser!.context.newPage()
    const shot = async (name: string) => {
      mkdirSync(OUT, { recursive: true })
      await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true })
    }
    await page.goto(portal)
    await page.waitForSelector('#services td')
    expect(await page.title()).to.equal('Microservice Bus')
    const names = await listedNames(page)
    expect(names, 'the services listed on the portal').to.include.members(['multicloud', 'so'])
    const row = await page.$$eval('#services tr', (rows) =>
      rows
        .map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? ''))
        .find((tds) => tds[0] === 'multicloud')
    )
    expect(row?.slice(0, 4)).to.deep.equal(['multicloud', 'v0', '/api/multicloud/v0', 'REST'])
    expect(await page.textContent('#count')).to.equal(String(names.length))
    await shot('msb-portal')

    // Negative: kube2msb unregisters the Service, and the page (polling the gateway) drops it.
    const r = await lab!.kubectl([
      'annotate',
      'service',
      'multicloud',
      '-n',
      'onap',
      'msb.onap.org/service-info-',
    ])
    expect(r.code, r.stderr).to.equal(0)
    await page.waitForFunction(
      `![...document.querySelectorAll('#services tr')].some((r) => r.querySelector('td')?.textContent === 'multicloud')`,
      undefined,
      { timeout: 20_000, polling: 250 }
    )
    const after = await listedNames(page)
    expect(after).to.not.include('multicloud')
    expect(after, 'the Service still annotated').to.include('so')
    expect(await page.textContent('#count')).to.equal(String(after.length))
    await shot('msb-portal-unregistered')
  })
})
