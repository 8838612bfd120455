/** @module install/actions/install-istio: applies the Istio manifest and sets the injector policy. */
import { writeFileSync } from 'node:fs'
import { parse, stringify } from 'yaml'
import { asObject, isObject } from '../../../api/types.js'
import { ActionError, type Action, type ActionContext } from '../../action.js'
import { CommandError, commandLine } from '../../command-runner.js'
import {
  expandCommand,
  parseDuration,
  type InstallStep,
  type TemplateVars,
} from '../../install-steps.js'
import { commandsOf, runCheck, runTemplate, stepAction } from '../../step-action.js'
import { waitForDeployments } from '../../wait-deployments.js'

/** What the Istio step applies and which injector policy it leaves. */
export interface InstallIstioParams {
  /** The Istio 1.0 manifest (fixtures/istio/istio.yaml). */
  manifest: string
  /**
   * The auth variant's extra objects (lab/install/istio-auth.yaml: MeshPolicy `default`, mesh-wide
   * mTLS), applied after the manifest when set (`lab:up --auth`).
   */
  authManifest?: string
  policy: 'enabled' | 'disabled'
  /** Where the edited ConfigMap is written before it is applied (in the state dir). */
  injectorFile: string
  /** Overrides the step's wait timeout (ms). */
  timeoutMs?: number
}

// kubectl's errors for custom resources sent before their CustomResourceDefinition is served.
const NOT_YET_SERVED =
  /no matches for kind|ensure CRDs are installed first|resource mapping not found/
const APPLY_ATTEMPTS = 5
// How long to let a real API server establish the CRDs the failed apply created before applying
// again. The sim's API server serves a CRD's resources as soon as the CRD is written (before
// kubectl's apply returns), so there it applies again at once.
const CRD_SETTLE_MS = 1000

/** Returns the injector config text (`policy: …` + `template: …`) with `policy` set. */
export function withPolicy(config: string, policy: string): string {
  return /^policy:.*$/m.test(config)
    ? config.replace(/^policy:.*$/m, `policy: ${policy}`)
    : `policy: ${policy}\n${config}`
}

/** Returns the policy of an injector config text, or undefined. */
export function policyOf(config: string): string | undefined {
  return /^policy:\s*(\S+)\s*$/m.exec(config)?.[1]
}

async function applyManifest(ctx: ActionContext, apply: string, vars: TemplateVars): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const r = await runTemplate(ctx, apply, vars, { nothrow: true })
    if (r.code === 0) return
    const errors = r.stderr.split('\n').filter((l) => l.trim() !== '')
    const onlyCrds = errors.length > 0 && errors.every((l) => NOT_YET_SERVED.test(l))
    if (!onlyCrds || attempt === APPLY_ATTEMPTS) {
      const [name, ...args] = expandCommand(apply, vars)
      throw new CommandError(commandLine(name!, args), r)
    }
    ctx.transcript.comment('custom resources came before their CRDs were served: apply again')
    if (ctx.options.backend !== 'sim') await ctx.sleep(CRD_SETTLE_MS)
  }
}

async function setPolicy(ctx: ActionContext, p: InstallIstioParams, get: string, put: string) {
  const vars = { injectorConfigMap: p.injectorFile }
  const cm: unknown = parse((await runTemplate(ctx, get, vars)).stdout)
  const data = isObject(cm) && isObject(cm['data']) ? cm['data'] : undefined
  const config = typeof data?.['config'] === 'string' ? data['config'] : undefined
  if (!isObject(cm) || !data || config === undefined) {
    throw new ActionError('the ConfigMap istio-system/istio-sidecar-injector has no data.config')
  }
  if (policyOf(config) === p.policy) return
  data['config'] = withPolicy(config, p.policy)
  const server = ['resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'selfLink']
  // Server-set fields would make a later replay conflict; kubectl apply needs none of them.
  const meta = Object.fromEntries(
    Object.entries(asObject(cm['metadata'])).filter(([k]) => !server.includes(k))
  )
  cm['metadata'] = meta
  if (isObject(meta['annotations'])) {
    delete meta['annotations']['kubectl.kubernetes.io/last-applied-configuration']
  }
  writeFileSync(p.injectorFile, stringify(cm))
  ctx.transcript.comment(
    `${p.injectorFile}: the ConfigMap above with data.config policy: ${p.policy}`
  )
  await runTemplate(ctx, put, vars)
}

/** Creates the Istio step: `kubectl apply -f istio.yaml`, the profile's injector policy, a wait. */
export function newAction(step: InstallStep, p: InstallIstioParams): Action {
  const vars = {
    istioManifest: p.manifest,
    injectorConfigMap: p.injectorFile,
    ...(p.authManifest ? { istioAuthManifest: p.authManifest } : {}),
  }
  const [apply] = commandsOf(step, 'kubectl apply -f {istioManifest}')
  const auth = p.authManifest ? commandsOf(step, 'kubectl apply -f {istioAuthManifest}') : []
  const [get] = commandsOf(step, 'kubectl get configmap istio-sidecar-injector')
  const [put] = commandsOf(step, 'kubectl apply -f {injectorConfigMap}')
  const wait = step.wait ?? { namespace: 'istio-system', timeout: '5m' }
  const plan = [apply!, ...auth, get!, ...(p.policy === 'enabled' ? [put!] : [])]
  return stepAction({ step, vars, plan }, async (ctx) => {
    await applyManifest(ctx, apply!, vars)
    for (const a of auth) {
      ctx.transcript.comment('the auth variant (--auth): mesh-wide mTLS, as istio-auth.yaml')
      await applyManifest(ctx, a, vars)
    }
    await setPolicy(ctx, p, get!, put!)
    const timeoutMs = p.timeoutMs ?? parseDuration(wait.timeout)
    await waitForDeployments(ctx, { namespace: wait.namespace, timeoutMs })
    await runCheck(ctx, step.check, vars)
  })
}
