/** @module install/actions/master: creates the master (kubeadm init, kubeadm's addons, the CNI). */
import { ActionError, type Action } from '../../action.js'
import { expandCommand, type InstallStep } from '../../install-steps.js'
import { commandsOf, runCheck, runTemplate, stepAction } from '../../step-action.js'

/** What the master step applies besides kubeadm init. */
export interface MasterParams {
  /** The CNI manifest (the page's calico). */
  cni: string
  /** kubeadm's addons, applied when the backend's kubeadm does not create them. */
  addons: string
  /** The tool that already ran kubeadm (kind), for the plan. */
  doneBy?: string
}

/** Creates the master step: `kubeadm init` by the backend, then the DaemonSets it needs. */
export function newAction(step: InstallStep, p: MasterParams): Action {
  const vars = { cni: p.cni, addons: p.addons }
  const [init] = commandsOf(step, 'kubeadm init')
  const [addons] = commandsOf(step, 'kubectl apply -f {addons}')
  const [cni] = commandsOf(step, 'kubectl apply -f {cni}')
  const plan = p.doneBy ? [`# kubeadm init: done by ${p.doneBy}`, cni!] : undefined
  return stepAction({ step, vars, ...(plan ? { plan } : {}) }, async (ctx) => {
    const cluster = ctx.cluster
    if (!cluster) throw new ActionError('the backend has no kubeadm: the cluster cannot be created')
    const initArgv = expandCommand(init!, vars)
    let result
    try {
      if (cluster.doneBy) ctx.transcript.comment(`kubeadm init: done by ${cluster.doneBy}`)
      else if (cluster.initCommand) ctx.transcript.line(cluster.initCommand)
      else ctx.transcript.command('kubeadm', initArgv.slice(1))
      result = await cluster.kubeadmInit()
    } catch (err) {
      const msg = (err as Error).message
      throw new ActionError(`kubeadm init failed: ${msg}`, {
        command: initArgv.join(' '),
        output: msg,
        cause: err,
      })
    }
    for (const line of result.commands ?? []) ctx.transcript.line(line)
    ctx.transcript.comment(`kubeadm init printed: ${result.joinCommand}`)
    ctx.log.info('kubeadm init printed the join command', { joinCommand: result.joinCommand })
    ctx.cache.init = result
    if (!cluster.addonsIncluded) await runTemplate(ctx, addons!, vars)
    await runTemplate(ctx, cni!, vars)
    await runCheck(ctx, step.check, vars)
  })
}
