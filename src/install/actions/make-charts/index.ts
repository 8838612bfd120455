/** @module install/actions/make-charts: OOM's `make all` with helm 4, then `helm search repo local`. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ActionError, type Action } from '../../action.js'
import type { InstallStep } from '../../install-steps.js'
import { copyChartTree, makeCharts } from '../../make-charts.js'
import { runCheck, stepAction } from '../../step-action.js'

/** The chart tree to build and the charts the check wants listed. */
export interface MakeChartsParams {
  /** fixtures/charts, or the OOM `kubernetes/` tree of `--charts`. */
  source: string
  /** The working copy `make all` runs in. */
  tree: string
  dist: string
  /** The profile's charts (`local/onap`, `local/msb`, …): `helm search repo local` must list them. */
  charts: string[]
  lint?: boolean
}

// Charts whose dependencies are updated at once within a stage, as `make -j2` would: the lab's
// machines have 2 cores.
const JOBS = 2

/** The steps `make all` needs: only the chart repository it indexes the charts for. */
export const MAKE_CHARTS_NEEDS = ['chart-repo'] as const

/** Creates the `make all` step. */
export function newAction(step: InstallStep, p: MakeChartsParams): Action {
  const vars = {
    chart: '<chart>',
    dist: p.dist,
    repoUrl: '<repository URL>',
    releaseCharts: p.charts,
  }
  return stepAction({ step, vars, needs: MAKE_CHARTS_NEEDS }, async (ctx) => {
    const repoUrl = ctx.cache.repoUrl
    if (!repoUrl) throw new ActionError('no chart repository: the chart-repo step did not run')
    copyChartTree(p.source, p.tree)
    ctx.transcript.comment(`make all: in a copy of ${p.source} at ${p.tree}`)
    // Only a tree without a Makefile (fixtures/charts) is built in stages of independent charts.
    if (!existsSync(join(p.tree, 'Makefile')))
      ctx.transcript.comment(
        `the charts of each stage do not depend on one another: their dependencies are updated ${JOBS} at a time (make -j${JOBS}), then one helm packages them all`
      )
    const r = await makeCharts({
      tree: p.tree,
      source: p.source,
      dist: p.dist,
      repoUrl,
      helm: (args, o) => ctx.helm(args, o),
      jobs: JOBS,
      ...(p.lint ? { lint: true } : {}),
      warn: (msg) => ctx.log.warn(msg),
    })
    ctx.log.info(`packaged ${r.packaged.length} charts`, { charts: r.packaged })
    await runCheck(ctx, step.check, { ...vars, repoUrl })
  })
}
