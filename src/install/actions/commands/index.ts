/** @module install/actions/commands: runs a step's commands as given, then its check. */
import type { Action } from '../../action.js'
import type { InstallStep, TemplateVars } from '../../install-steps.js'
import { runCheck, runTemplates, stepAction } from '../../step-action.js'

/** Creates a step that runs its `run` lines in order (`kubectl create namespace onap`, …). */
export function newAction(step: InstallStep, vars: TemplateVars = {}): Action {
  return stepAction({ step, vars }, async (ctx) => {
    await runCheck(ctx, step.check, vars, await runTemplates(ctx, step.run, vars))
  })
}
