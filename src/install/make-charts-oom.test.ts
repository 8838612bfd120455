import { expect } from 'chai'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ActionError } from './action.js'
import type { StartedActionContext } from './action-context.js'
import type { StartedChartRepoServer } from './chart-repo-server.js'
import { copyChartTree, makeCharts } from './make-charts.js'
import { startChartRepoContext } from '../testing/install/chart-repo-context.js'

// A tree of the lab's own with the shapes of an OOM release's kubernetes/: a top-level Makefile,
// nested packaging Makefiles (common/, sdnc/), a command Makefile (dmaap/), a chart depending on
// one built by a nested Makefile (sdnc → sdnc/sdnc-prom) and an umbrella with conditions.
const TREE = join(import.meta.dirname, 'testdata', 'oom-tree', 'kubernetes')

function tgzFiles(file: string): string[] {
  return execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).split('\n').filter(Boolean)
}

describe('makeCharts() on a tree with OOM Makefiles (real helm)', function () {
  this.timeout(90_000)
  let ctx: StartedActionContext
  let server: StartedChartRepoServer
  let dispose: () => Promise<void>

  before(async () => ({ ctx, server, dispose } = await startChartRepoContext(TREE)))
  after(() => dispose())

  const build = (tree: string, source: string) =>
    makeCharts({
      tree,
      source,
      dist: ctx.paths.dist,
      repoUrl: server.url,
      helm: (args, o) => ctx.helm(args, o),
    })

  it('follows the Makefiles: nested charts first, EXCLUDES left out, the umbrella last', async () => {
    const r = await build(ctx.paths.chartTree, TREE)
    expect(r.packaged).to.deep.equal([
      'common/common',
      'common/mariadb',
      'dmaap',
      'robot',
      'sdnc/sdnc-prom',
      'sdnc',
      'onap',
    ])
    const dist = readdirSync(ctx.paths.dist)
    expect(dist).to.include.members(['sdnc-prom-3.0.0.tgz', 'mariadb-3.0.0.tgz', 'onap-3.0.0.tgz'])
    expect(dist).to.not.include('config-3.0.0.tgz')
  })

  it('resolves sdnc-prom from the repository its nested Makefile filled', () => {
    const files = tgzFiles(join(ctx.paths.dist, 'sdnc-3.0.0.tgz'))
    expect(files).to.include('sdnc/charts/sdnc-prom/Chart.yaml')
    expect(files).to.include('sdnc/charts/common/Chart.yaml')
  })

  it("packages dmaap with its sub-chart's dependencies, resolved by dmaap/Makefile", () => {
    const files = tgzFiles(join(ctx.paths.dist, 'dmaap-3.0.0.tgz'))
    expect(files).to.include('dmaap/charts/message-router/charts/common/Chart.yaml')
  })

  it('lists every chart in the repository, with the umbrella', async () => {
    const out = await ctx.helm(['search', 'repo', 'local/', '--output', 'json'])
    const names = (JSON.parse(out.stdout) as { name: string }[]).map((c) => c.name).sort()
    expect(names).to.deep.equal([
      'local/common',
      'local/dmaap',
      'local/mariadb',
      'local/onap',
      'local/robot',
      'local/sdnc',
      'local/sdnc-prom',
    ])
  })

  it('refuses a Makefile recipe it would not run, naming file:line', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'oom-make-')), 'kubernetes')
    try {
      cpSync(TREE, broken, { recursive: true })
      const mk = join(broken, 'dmaap', 'Makefile')
      execFileSync('sed', ['-i', 's/helm lint message-router/curl http:\\/\\/example.com/', mk])
      const work = join(broken, '..', 'work')
      copyChartTree(broken, work)
      const err = await build(work, broken).catch((e: unknown) => e)
      expect(err).to.be.instanceOf(ActionError)
      expect((err as Error).message).to.equal(
        `${join(broken, 'dmaap', 'Makefile')}:6: make -C ${join(broken, 'dmaap')} would run ` +
          '"curl http://example.com", which the lab does not run'
      )
    } finally {
      rmSync(join(broken, '..'), { recursive: true, force: true })
    }
  })
})
