/** @module install/actions/join-workers: joins each worker with the token and hash kubeadm printed. */
import { ActionError, type Action } from '../../action.js'
import { commandLine } from '../../command-runner.js'
import { expandCommand, type InstallStep } from '../../install-steps.js'
import { commandsOf, runCheck, stepAction } from '../../step-action.js'

/** Who joins, and with what. */
export interface JoinWorkersParams {
  /** The workers' node names, in topology order. */
  workers: string[]
  /** Every node's name (the check wants them all in `kubectl get nodes`). */
  nodes: string[]
  /** `<host>:6443`, for the plan. */
  endpoint: string
  /** Join with this command instead of the one kubeadm init printed. */
  joinCommand?: string
  /** The tool that already joined them (kind), for the plan. */
  doneBy?: string
}

const words = (line: string): string[] => line.trim().split(/\s+/)

/** Creates the join step: `kubeadm join … --node-name <worker>` on each worker, in order. */
export function newAction(step: InstallStep, p: JoinWorkersParams): Action {
  const [join] = commandsOf(step, '{joinCommand}')
  const planned =
    p.joinCommand ??
    `kubeadm join ${p.endpoint} --token <token> --discovery-token-ca-cert-hash sha256:<hash>`
  const vars = { joinCommand: words(planned), nodes: p.nodes }
  const plan = p.doneBy
    ? [`# kubeadm join: done by ${p.doneBy}`]
    : p.workers.map((w) => join!.replace('{node}', w))
  return stepAction({ step, vars, plan }, async (ctx) => {
    const cluster = ctx.cluster
    if (!cluster) throw new ActionError('the backend has no kubeadm: workers cannot join')
    const line = p.joinCommand ?? ctx.cache.init?.joinCommand
    if (!line) throw new ActionError('no join command: the master step did not run kubeadm init')
    for (const worker of p.workers) {
      const argv = expandCommand(join!, { joinCommand: words(line), node: worker })
      while (argv[0] === 'sudo') argv.shift()
      if (argv[0] !== 'kubeadm') {
        throw new ActionError(`not a kubeadm join command: ${line}`)
      }
      ctx.transcript.comment(`on ${worker}:`)
      if (cluster.doneBy) ctx.transcript.comment(`kubeadm join: done by ${cluster.doneBy}`)
      else ctx.transcript.command('kubeadm', argv.slice(1))
      try {
        await cluster.kubeadmJoin(worker, argv.slice(1))
      } catch (err) {
        const msg = (err as Error).message
        throw new ActionError(`${worker} could not join the cluster: ${msg}`, {
          command: commandLine('kubeadm', argv.slice(1)),
          output: msg,
          cause: err,
        })
      }
    }
    await runCheck(ctx, step.check, { nodes: p.nodes })
  })
}
