import { asObject, isObject } from '../api/types.js'
import { ActionError, type ActionContext } from './action.js'
import { formatDuration } from './status-printer.js'

/** A Deployment's rollout as `kubectl get deploy` shows it. */
export interface DeploymentState {
  name: string
  desired: number
  updated: number
  available: number
  /** The controller has seen the latest spec. */
  observed: boolean
}

/** Returns the rollout state of each Deployment in a `kubectl get deployments -o json` list. */
export function deploymentStates(listJson: string): DeploymentState[] {
  const list: unknown = JSON.parse(listJson)
  const items = isObject(list) && Array.isArray(list['items']) ? list['items'] : []
  return items.filter(isObject).map((d) => {
    const meta = asObject(d['metadata']) as Record<string, unknown>
    const spec = asObject(d['spec']) as Record<string, unknown>
    const status = asObject(d['status']) as Record<string, unknown>
    const num = (v: unknown, dflt: number): number => (typeof v === 'number' ? v : dflt)
    return {
      name: String(meta['name']),
      desired: num(spec['replicas'], 1),
      updated: num(status['updatedReplicas'], 0),
      available: num(status['availableReplicas'], 0),
      observed: num(status['observedGeneration'], 0) >= num(meta['generation'], 1),
    }
  })
}

/** Returns whether a Deployment finished rolling out (what `kubectl rollout status` waits for). */
export function isAvailable(d: DeploymentState): boolean {
  return d.observed && d.updated >= d.desired && d.available >= d.desired
}

/**
 * How long a wait sleeps between polls by default: a rollout is seen within a tenth of a second
 * of its end, plus the poll's own time (each poll is one `kubectl get`, about 50 ms of CPU).
 * `kubectl wait` would end on a watch, but its client-side rate limit (5 requests/s, a list and a
 * watch per Deployment) made the page's 26 Deployments take 3.4 s.
 */
export const POLL_MS = 100

/** How long and how often to poll. */
export interface WaitOptions {
  namespace: string
  timeoutMs: number
  /** Default 100 ms (POLL_MS). */
  pollMs?: number
}

/**
 * Polls `kubectl get deployments -n <ns> -o json` until every Deployment is available; returns
 * their states. On timeout throws an ActionError listing the Deployments not available.
 */
export async function waitForDeployments(
  ctx: ActionContext,
  o: WaitOptions
): Promise<DeploymentState[]> {
  const args = ['get', 'deployments', '-n', o.namespace, '-o', 'json']
  const start = ctx.now()
  ctx.transcript.comment(
    `polled until every Deployment in ${o.namespace} is available; by hand: kubectl wait ` +
      `--for=condition=available deployment --all -n ${o.namespace} --timeout=${Math.ceil(o.timeoutMs / 1000)}s`
  )
  let first = true
  for (;;) {
    const r = await ctx.kubectl(args, { record: first })
    first = false
    const states = deploymentStates(r.stdout)
    const waiting = states.filter((d) => !isAvailable(d))
    if (waiting.length === 0) return states
    if (ctx.now() - start >= o.timeoutMs) {
      const list = waiting.map(
        (d) =>
          `${d.name} (${d.available}/${d.desired} available${d.observed ? '' : ', not yet rolled out'})`
      )
      throw new ActionError(
        `timed out after ${formatDuration(o.timeoutMs)} waiting for ${waiting.length} of ` +
          `${states.length} Deployments in ${o.namespace}: ${list.join(', ')}`,
        { command: `kubectl ${args.join(' ')}` }
      )
    }
    await ctx.sleep(o.pollMs ?? POLL_MS)
  }
}
