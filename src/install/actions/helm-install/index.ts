/** @module install/actions/helm-install: `helm install <release> <chart> --namespace <ns> -f …`. */
import { isAbsolute, join } from 'node:path'
import type { Action } from '../../action.js'
import type { InstallStep } from '../../install-steps.js'
import { runCheck, runTemplates, stepAction } from '../../step-action.js'

/** One release of the profile. */
export interface HelmInstallParams {
  release: string
  chart: string
  namespace: string
  /** Values files, relative to the chart tree. */
  values: string[]
  /** The chart tree's working copy. */
  tree: string
}

/** Creates the step that installs one release, named `release-<release>`. */
export function newAction(step: InstallStep, p: HelmInstallParams): Action {
  const valuesFlags = p.values.flatMap((v) => ['-f', isAbsolute(v) ? v : join(p.tree, v)])
  const vars = { release: p.release, chart: p.chart, namespace: p.namespace, valuesFlags }
  return stepAction({ step, vars, name: `${step.name}-${p.release}` }, async (ctx) => {
    await runCheck(ctx, step.check, vars, await runTemplates(ctx, step.run, vars))
  })
}
