import { mkdirSync, rmSync } from 'node:fs'
import {
  copyChartTree,
  createActionContext,
  createStatusPrinter,
  startChartRepoServer,
  type StartedActionContext,
  type StartedChartRepoServer,
} from '../../install/index.js'
import { testOptions } from './lab-options.js'

/** An action context whose dist/ is served as helm repo `local`, for the real-helm tests. */
export interface ChartRepoContext {
  ctx: StartedActionContext
  server: StartedChartRepoServer
  /** Disposes the context (stopping the server) and removes its state dir. */
  dispose(): Promise<void>
}

/**
 * Starts a quiet action context on fresh test options with `tree` copied in as its chart tree,
 * serves its (empty) dist/ as a chart repo, indexes it and adds it to helm as `local`.
 */
export async function startChartRepoContext(tree: string): Promise<ChartRepoContext> {
  const options = testOptions()
  const ctx = createActionContext({
    options,
    status: createStatusPrinter({ write: () => undefined, tty: false }),
  })
  const dispose = async () => {
    await ctx.dispose()
    rmSync(options.stateDir, { recursive: true, force: true })
  }
  try {
    copyChartTree(tree, ctx.paths.chartTree)
    mkdirSync(ctx.paths.dist, { recursive: true })
    const server = await startChartRepoServer({ dir: ctx.paths.dist, port: 0 })
    ctx.defer(() => server.stop())
    await ctx.helm(['repo', 'index', ctx.paths.dist, '--url', server.url])
    await ctx.helm(['repo', 'add', 'local', server.url])
    return { ctx, server, dispose }
  } catch (err) {
    await dispose()
    throw new Error('failed to start a chart repo context', { cause: err })
  }
}
