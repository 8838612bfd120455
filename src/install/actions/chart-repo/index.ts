/** @module install/actions/chart-repo: starts the chart repository and adds it as `local`. */
import { mkdirSync } from 'node:fs'
import { ActionError, type Action } from '../../action.js'
import { startChartRepoServer } from '../../chart-repo-server.js'
import type { InstallStep } from '../../install-steps.js'
import { runCheck, runTemplate, stepAction } from '../../step-action.js'

/** Where the repository listens and what it serves. */
export interface ChartRepoParams {
  host: string
  port: number
  /** The served directory. */
  dist: string
  /** false: another process serves `dist` at host:port already. */
  serve?: boolean
}

/** Creates the chart repository step (the page's `helm serve &` and `helm repo add local …`). */
export function newAction(step: InstallStep, p: ChartRepoParams): Action {
  const planned = { dist: p.dist, repoUrl: `http://${p.host}:${p.port}`, port: String(p.port) }
  return stepAction({ step, vars: planned }, async (ctx) => {
    mkdirSync(p.dist, { recursive: true })
    let url = planned.repoUrl
    let port = p.port
    if (p.serve === false) {
      ctx.transcript.comment(`the chart repository at ${url} is served by the lab's daemon`)
    } else if (ctx.cluster?.serveCharts) {
      try {
        url = await ctx.cluster.serveCharts(p.dist, p.host, p.port)
      } catch (err) {
        throw new ActionError((err as Error).message, { cause: err })
      }
      ctx.transcript.line(`helm serve --repo-path ${p.dist} --address ${p.host}:${p.port} &`)
    } else {
      let server
      try {
        server = await startChartRepoServer({ dir: p.dist, host: p.host, port: p.port })
      } catch (err) {
        throw new ActionError((err as Error).message, { cause: err })
      }
      ctx.defer(() => server.stop())
      url = server.url
      port = server.port
      ctx.transcript.comment(
        `the lab's chart repository (what \`helm serve\` was) serves ${p.dist} at ${url}; ` +
          `by hand: python3 -m http.server ${port} --bind ${p.host} --directory ${p.dist} &`
      )
    }
    ctx.cache.repoUrl = url
    const vars = { ...planned, repoUrl: url, port: String(port) }
    for (const line of step.run) await runTemplate(ctx, line, vars)
    await runCheck(ctx, step.check, vars)
  })
}
