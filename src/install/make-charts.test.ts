import { expect } from 'chai'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ActionError } from './action.js'
import type { StartedActionContext } from './action-context.js'
import type { StartedChartRepoServer } from './chart-repo-server.js'
import { copyChartTree, eachAtMost, makeCharts } from './make-charts.js'
import { ROOT } from '../testing/install/lab-options.js'
import { startChartRepoContext } from '../testing/install/chart-repo-context.js'

const FIXTURES = join(ROOT, 'fixtures', 'charts')

interface Row {
  name: string
  version: string
  app_version: string
  description: string
}

describe('makeCharts() with the real helm', function () {
  this.timeout(60_000)
  let ctx: StartedActionContext
  let server: StartedChartRepoServer
  let dispose: () => Promise<void>
  const warnings: string[] = []

  before(async () => ({ ctx, server, dispose } = await startChartRepoContext(FIXTURES)))
  after(() => dispose())

  it('packages common first, the umbrella last, and `helm search repo local` lists the page’s charts', async () => {
    const calls: string[][] = []
    const r = await makeCharts({
      tree: ctx.paths.chartTree,
      source: FIXTURES,
      dist: ctx.paths.dist,
      repoUrl: server.url,
      helm: (args, o) => (calls.push(args), ctx.helm(args, o)),
      warn: (m) => void warnings.push(m),
      jobs: 2,
    })
    // One helm packages each stage: common/common, the other common/*, the charts, the umbrella.
    const packages = calls.filter((a) => a[0] === 'package')
    expect(packages.map((a) => a.length - 3)).to.deep.equal([1, 1, r.packaged.length - 3, 1])
    expect(packages[2]!.slice(1, -2)).to.deep.equal(
      r.packaged.slice(2, -1).map((d) => join(ctx.paths.chartTree, d))
    )
    expect(r.packaged[0]).to.equal('common/common')
    expect(r.packaged.at(-1)).to.equal('onap')
    expect(r.packaged).to.include.members([
      'common/postgres',
      'sdnc/sdnc-prom',
      'msb',
      'vfc',
      'multicloud',
    ])
    expect(r.packaged.indexOf('sdnc/sdnc-prom')).to.be.below(r.packaged.indexOf('sdnc'))
    expect(r.warnings).to.deep.equal([])
    // helm wrote into the working copy only.
    expect(existsSync(join(ctx.paths.chartTree, 'msb', 'charts', 'common-2.0.0.tgz'))).to.equal(
      true
    )
    expect(existsSync(join(FIXTURES, 'msb', 'requirements.lock'))).to.equal(false)

    const expected = (
      parse(readFileSync(join(ROOT, 'fixtures', 'expected', 'helm-search.yaml'), 'utf8')) as {
        charts: { name: string; version: string; appVersion: string; description: string }[]
      }
    ).charts.map((c) => ({
      name: c.name,
      version: c.version,
      app_version: c.appVersion,
      description: c.description,
    }))
    const search = async (term: string) =>
      (
        JSON.parse((await ctx.helm(['search', 'repo', term, '--output', 'json'])).stdout) as Row[]
      ).map(({ name, version, app_version, description }) => ({
        name,
        version,
        app_version,
        description,
      }))
    const local = await search('local')
    expect(local).to.include.deep.members(expected)
    expect(local.map((c) => c.name)).to.include.members(['local/common', 'local/sdc', 'local/appc'])
    // The page's `helm search onap`, row for row.
    expect(await search('onap')).to.deep.equal(expected)
  })

  it("reports a chart that does not package with helm's message and the chart's path", async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'broken-charts-')), 'kubernetes')
    try {
      cpSync(FIXTURES, broken, { recursive: true })
      const chartYaml = join(broken, 'msb', 'Chart.yaml')
      writeFileSync(chartYaml, readFileSync(chartYaml, 'utf8').replace(/^version:.*$/m, ''))
      copyChartTree(broken, ctx.paths.chartTree)
      const err = await makeCharts({
        tree: ctx.paths.chartTree,
        source: broken,
        dist: ctx.paths.dist,
        repoUrl: server.url,
        helm: (args, o) => ctx.helm(args, o),
      }).catch((e: unknown) => e)
      expect(err).to.be.instanceOf(ActionError)
      const e = err as ActionError
      expect(e.message).to.match(
        new RegExp(`^chart ${join(broken, 'msb')} failed to package: Error: .*version`)
      )
      expect(e.command).to.match(/^helm (dependency update|package) .*\/msb/)
      expect(e.output).to.contain('version')
      expect(e.hint).to.contain(join(broken, 'msb'))
    } finally {
      rmSync(join(broken, '..'), { recursive: true, force: true })
    }
  })

  it('names the chart that fails in a stage packaged by one helm, with its own command', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'broken-charts-')), 'kubernetes')
    try {
      cpSync(FIXTURES, broken, { recursive: true })
      // aai has no dependencies: only `helm package` can find the fault.
      const chartYaml = join(broken, 'aai', 'Chart.yaml')
      writeFileSync(chartYaml, readFileSync(chartYaml, 'utf8').replace(/^name:.*$/m, ''))
      copyChartTree(broken, ctx.paths.chartTree)
      const calls: string[][] = []
      const err = await makeCharts({
        tree: ctx.paths.chartTree,
        source: broken,
        dist: ctx.paths.dist,
        repoUrl: server.url,
        helm: (args, o) => (calls.push(args), ctx.helm(args, o)),
      }).catch((e: unknown) => e)
      expect(err).to.be.instanceOf(ActionError)
      const e = err as ActionError
      expect(e.message).to.match(
        new RegExp(`^chart ${join(broken, 'aai')} failed to package: Error: .*name`)
      )
      expect(e.command).to.equal(
        `helm package ${join(ctx.paths.chartTree, 'aai')} --destination ${ctx.paths.dist}`
      )
      // The stage's helm failed first; then aaf alone (it packages), then aai alone.
      const packages = calls.filter((a) => a[0] === 'package').map((a) => a.length - 3)
      expect(packages.slice(-3)).to.deep.equal([packages.at(-3)!, 1, 1])
      expect(packages.at(-3)).to.be.above(10)
    } finally {
      rmSync(join(broken, '..'), { recursive: true, force: true })
    }
  })

  it('refuses a chart directory that is missing or is not an OOM kubernetes/ tree', () => {
    expect(() => copyChartTree('/nonexistent/oom/kubernetes', ctx.paths.chartTree)).to.throw(
      ActionError,
      'the chart directory /nonexistent/oom/kubernetes does not exist'
    )
    expect(() => copyChartTree(join(FIXTURES, 'msb'), ctx.paths.chartTree)).to.throw(
      `the chart directory ${join(FIXTURES, 'msb')} has no common/`
    )
  })
})

describe('eachAtMost()', () => {
  const tick = () => new Promise((r) => setImmediate(r))

  it('keeps at most `jobs` items running, starting them in order', async () => {
    let running = 0
    let peak = 0
    const started: number[] = []
    await eachAtMost(2, [1, 2, 3, 4, 5], async (n) => {
      started.push(n)
      peak = Math.max(peak, ++running)
      await tick()
      running--
    })
    expect(started).to.deep.equal([1, 2, 3, 4, 5])
    expect(peak).to.equal(2)
  })

  it('starts nothing more once an item fails, and throws that failure after the running ones end', async () => {
    const started: number[] = []
    const ended: number[] = []
    const err = await eachAtMost(2, [1, 2, 3, 4], async (n) => {
      started.push(n)
      await tick()
      if (n === 1) throw new Error('chart 1 failed')
      ended.push(n)
    }).catch((e: unknown) => e)
    expect((err as Error).message).to.equal('chart 1 failed')
    expect(started).to.deep.equal([1, 2])
    expect(ended).to.deep.equal([2])
  })
})
