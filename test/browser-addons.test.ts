import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect } from 'chai'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { startAddonHarness, type AddonHarness } from '../src/testing/addons/addon-harness.js'
import { callReports, workload } from '../src/testing/addons/synthetic-reports.js'

// The add-ons' pages in a real browser (Debian's chromium): the force graph, the trace page and the
// mesh dashboard, fed with msb-iag → multicloud reports; each test saves a screenshot.
const CHROMIUM = '/usr/bin/chromium'
const OUT = resolve(import.meta.dirname, '..', 'test-output')

/** Launches chromium headless with a fresh profile; the returned stop removes it. */
export async function launchBrowser(): Promise<{ context: BrowserContext; stop(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'mesh-lab-chromium-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
  return {
    context,
    stop: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

const shot = async (page: Page, name: string) => {
  mkdirSync(OUT, { recursive: true })
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true })
}

function traffic(h: AddonHarness, n: number, status = 200) {
  const now = Date.now()
  for (let i = 0; i < n; i++) {
    const id = Math.floor(Math.random() * 2 ** 52)
      .toString(16)
      .padStart(16, '0')
    const child = Math.floor(Math.random() * 2 ** 52)
      .toString(16)
      .padStart(16, '0')
    const [, edge] = callReports({
      from: workload('unknown'),
      to: workload('msb-iag'),
      service: 'msb-iag',
      startMs: now - 40 - i,
      durationMs: 30,
      status,
      traceId: id,
      spanId: id,
    })
    if (edge) h.emit(edge)
    for (const r of callReports({
      from: workload('msb-iag'),
      to: workload('multicloud'),
      service: 'multicloud',
      startMs: now - 35 - i,
      durationMs: 20,
      status,
      flags: status === 503 ? 'FI' : '-',
      traceId: id,
      parentSpanId: id,
      spanId: child,
    }))
      h.emit(r)
  }
}

describe('browser: add-on pages', function () {
  this.timeout(90_000)
  let h: AddonHarness
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined
  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`    (skipped: ${CHROMIUM} is missing — apt-get install chromium)`)
      this.skip()
    }
    h = await startAddonHarness({ spanFlushIntervalMs: 200 })
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.stop()
    await h?.stop()
  })

  it('force graph shows the nodes and edges of the traffic sent', async () => {
    traffic(h, 5)
    const page = await browser!.context.newPage()
    await page.goto(`${h.url(8088)}/force/forcegraph.html?time_horizon=5m&filter_empty=true`)
    await page.waitForSelector('g.node')
    const nodes = await page.$$eval('g.node', (els) => els.map((e) => e.getAttribute('data-name')))
    const edges = await page.$$eval('g.link-group', (els) =>
      els.map((e) => `${e.getAttribute('data-source')} -> ${e.getAttribute('data-target')}`)
    )
    expect(nodes).to.have.members([
      'msb-iag (msb-iag)',
      'multicloud (multicloud)',
      'unknown (unknown)',
    ])
    expect(edges).to.have.members([
      'msb-iag (msb-iag) -> multicloud (multicloud)',
      'unknown (unknown) -> msb-iag (msb-iag)',
    ])
    expect(edges).to.not.include('multicloud (multicloud) -> msb-iag (msb-iag)')
    await shot(page, 'servicegraph-force')
    await page.close()
  })

  it('trace page lists services, finds a trace and draws its spans', async () => {
    traffic(h, 2)
    await h.addons.reporter.flushAll()
    const page = await browser!.context.newPage()
    await page.goto(`${h.url(16686)}/?service=multicloud`)
    await page.waitForSelector('.result')
    const services = await page.$$eval('#service option', (els) => els.map((e) => e.textContent))
    expect(services).to.include.members(['msb-iag', 'multicloud'])
    await page.click('.result')
    await page.waitForSelector('.span-row')
    const rows = await page.$$eval('.span-row', (els) =>
      els.map((e) => ({
        service: e.getAttribute('data-service'),
        parent: e.getAttribute('data-parent'),
        id: e.getAttribute('data-span-id'),
      }))
    )
    expect(rows.map((r) => r.service)).to.deep.equal(['msb-iag', 'msb-iag', 'multicloud'])
    const mc = rows.find((r) => r.service === 'multicloud')
    expect(rows.find((r) => r.id === mc?.parent)?.service).to.equal('msb-iag')
    await shot(page, 'trace-timeline')
    await page.close()
  })

  it('mesh dashboard shows non-zero volume after traffic and a 5xx rate after an abort fault', async () => {
    const page = await browser!.context.newPage()
    await page.goto(`${h.url(3000)}/d/1/istio-mesh-dashboard`)
    const stat = (title: string) =>
      page.$eval(`section[data-panel="${title}"]`, (e) => Number(e.getAttribute('data-value')))
    await page.waitForFunction(
      `document.querySelector('section[data-panel="Global Request Volume"]')?.getAttribute('data-value') !== null`
    )
    expect(await stat('Global Request Volume')).to.be.greaterThan(0)
    // No 5xx series yet: Grafana shows N/A (an empty vector), never a positive rate.
    expect((await stat('5xxs')) > 0).to.equal(false)
    expect(await page.title()).to.contain('not Grafana')
    traffic(h, 6, 503)
    await page.reload()
    await page.waitForFunction(
      `Number(document.querySelector('section[data-panel="5xxs"]')?.getAttribute('data-value')) > 0`,
      undefined,
      { timeout: 15_000 }
    )
    expect(await stat('Global Success Rate (non-5xx responses)')).to.be.lessThan(1)
    const rows = await page.$$eval('section[data-panel="HTTP/GRPC Workloads"] tbody tr', (els) =>
      els.map((e) => e.textContent)
    )
    expect(rows.join(' ')).to.contain('multicloud.onap')
    await shot(page, 'mesh-dashboard')
    await page.close()
  })
})
