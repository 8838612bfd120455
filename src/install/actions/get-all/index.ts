/** @module install/actions/get-all: `kubectl get all -n onap`, printed after the steps. */
import type { Action } from '../../action.js'
import type { InstallStep } from '../../install-steps.js'
import { runTemplate, stepAction } from '../../step-action.js'

/** Creates the last step: what runs in onap, kept for printing after the step lines. */
export function newAction(step: InstallStep): Action {
  return stepAction({ step, vars: {} }, async (ctx) => {
    for (const line of step.run) {
      const r = await runTemplate(ctx, line, {})
      ;(ctx.cache.output ??= []).push(`$ ${line}\n${r.stdout.trimEnd()}`)
    }
  })
}
