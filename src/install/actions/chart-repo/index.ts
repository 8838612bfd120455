/** @module install/actions/chart-repo: starts the chart repository and adds it as `local`. */
import { mkdirSync } from 'node:fs'
import { ActionError, type Action } from '../../action.js'
import { startChartRepoServer } from '../../chart-repo-server.js'
import type { InstallStep } from '../../install-steps.js'
import { runCheck, runTemplates, stepAction } from '../../step-action.js'

/** Where the repository listens and what it serves. */
export interface ChartRepoParams {
  host: string
  port: number
  /** The served directory. */
  dist: string
  /** false: another process serves `dist` at host:port already. */
  serve?: boolean
  /**
   * true: the port is only the default, so when another lab holds it, take a free one and say so
   * (two labs on one machine); an explicitly chosen port that is taken fails the step.
   */
  fallback?: boolean
}

/**
 * The steps the chart repository needs: the master (the lab's machines and kubeconfig); Istio
 * and the namespaces are nothing to it, so it starts alongside them.
 */
export const CHART_REPO_NEEDS = ['master'] as const

/** Creates the chart repository step (the page's `helm serve &` and `helm repo add local …`). */
export function newAction(step: InstallStep, p: ChartRepoParams): Action {
  const planned = { dist: p.dist, repoUrl: `http://${p.host}:${p.port}`, port: String(p.port) }
  return stepAction({ step, vars: planned, needs: CHART_REPO_NEEDS }, async (ctx) => {
    mkdirSync(p.dist, { recursive: true })
    let url = planned.repoUrl
    let port = p.port
    if (p.serve === false) {
      ctx.transcript.comment(`the chart repository at ${url} is served by the lab's daemon`)
    } else if (ctx.cluster?.serveCharts) {
      const serve = ctx.cluster.serveCharts.bind(ctx.cluster)
      try {
        url = await serve(p.dist, p.host, p.port)
      } catch (err) {
        if (!(p.fallback && /is in use/.test((err as Error).message)))
          throw new ActionError((err as Error).message, { cause: err })
        // Another lab (or helm serve) holds the default port: take a free one, as a second lab must.
        url = await serve(p.dist, p.host, 0).catch((again: unknown) => {
          throw new ActionError((again as Error).message, { cause: again })
        })
        port = Number(new URL(url).port)
        ctx.log.warn(
          `port ${p.port} is in use (another lab?): the chart repository took port ${port}`
        )
      }
      ctx.transcript.line(`helm serve --repo-path ${p.dist} --address ${p.host}:${port} &`)
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
    await runCheck(ctx, step.check, vars, await runTemplates(ctx, step.run, vars))
  })
}
