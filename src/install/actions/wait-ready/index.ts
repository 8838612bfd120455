/** @module install/actions/wait-ready: waits until every Deployment of the releases is available. */
import type { Action } from '../../action.js'
import { parseDuration, type InstallStep } from '../../install-steps.js'
import { stepAction } from '../../step-action.js'
import { waitForDeployments } from '../../wait-deployments.js'

/** What to wait for. */
export interface WaitReadyParams {
  /** The releases' namespaces. */
  namespaces: string[]
  /** Overrides the step's wait timeout (ms). */
  timeoutMs?: number
  pollMs?: number
}

/** Creates the readiness step. */
export function newAction(step: InstallStep, p: WaitReadyParams): Action {
  const timeoutMs = p.timeoutMs ?? parseDuration(step.wait?.timeout ?? '10m')
  const plan = p.namespaces.flatMap((ns) => step.run.map((r) => r.replace('{namespace}', ns)))
  return stepAction({ step, vars: {}, plan }, async (ctx) => {
    for (const namespace of p.namespaces) {
      const states = await waitForDeployments(ctx, {
        namespace,
        timeoutMs,
        ...(p.pollMs ? { pollMs: p.pollMs } : {}),
      })
      ctx.log.info(`${states.length} Deployments available`, { namespace })
    }
  })
}
