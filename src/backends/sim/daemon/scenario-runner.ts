import type { AppOverride } from '../../../apps/index.js'
import type { ScheduleEntry } from '../scenario-schedule.js'
import type { ScheduleRunner } from '../scenario-scheduler.js'
import type { StartedSimLab } from '../sim-lab.js'
import { PatchType, Refs, type ResourceRef } from '../../../client/index.js'
import type { MachineExec } from './machine-socket.js'

/** The field manager (and journal writer) of the schedule's API writes. */
export const SCENARIO_WRITER = 'scenario'

/**
 * Returns what runs a lab's scheduled entries: `powerOff` is the machine's `poweroff`, `powerOn`
 * starts a powered-off node's kubelet again, `deletePod` and `scale` are API writes as the
 * `scenario` field manager, and `app` adds its change to the list the apps host reads at every
 * request (`apps`: the scenario's own `apps:` list, shared with the lab's data plane).
 */
export function labScheduleRunner(
  lab: StartedSimLab,
  o: { exec: MachineExec; apps: AppOverride[] }
): ScheduleRunner {
  const client = lab.cluster.client(SCENARIO_WRITER)
  const applied = new Map<number, AppOverride>()
  const apply = (e: ScheduleEntry) => {
    if (e.action.kind !== 'app') return
    const change: AppOverride = { ...e.action.override, afterSeconds: 0 }
    delete change.forSeconds // the schedule ends it
    applied.set(e.index, change)
    o.apps.push(change)
  }
  return {
    async run(e) {
      const a = e.action
      switch (a.kind) {
        case 'powerOff': {
          const r = await o.exec(a.node, ['poweroff'])
          if (r.code !== 0) throw new Error(r.stderr.trim() || `poweroff exited ${r.code}`)
          return `powered ${a.node} off`
        }
        case 'powerOn': {
          if (lab.machines.running(a.node)) throw new Error(`${a.node} is already running`)
          await client.get(Refs.nodes, a.node).catch((err: unknown) => {
            throw new Error(`${a.node} never joined the cluster`, { cause: err })
          })
          await lab.machines.startWorker(a.node)
          lab.dataPlane.network.refresh()
          return `powered ${a.node} on`
        }
        case 'deletePod': {
          const names = a.name
            ? [a.name]
            : (
                await client.list(Refs.pods, { namespace: a.namespace, labelSelector: a.selector })
              ).items
                .filter((p) => !p.metadata.deletionTimestamp)
                .map((p) => p.metadata.name ?? '')
          if (!names.length) throw new Error(`no pod in ${a.namespace} matches ${a.selector}`)
          for (const n of names) await client.delete(Refs.pods, n, a.namespace)
          return `deleted pod ${names.map((n) => `${a.namespace}/${n}`).join(', ')}`
        }
        case 'scale': {
          const ref: ResourceRef =
            a.resource === 'deployments' ? Refs.deployments : Refs.statefulSets
          await client.patch(
            ref,
            a.name,
            a.namespace,
            { spec: { replicas: a.replicas } },
            PatchType.merge
          )
          return `scaled ${a.resource}/${a.name} in ${a.namespace} to ${a.replicas}`
        }
        case 'app':
          apply(e)
          return `app change ${describeApp(a.override)}`
      }
    },
    end(e) {
      const change = applied.get(e.index)
      applied.delete(e.index)
      const i = change ? o.apps.indexOf(change) : -1
      if (i >= 0) o.apps.splice(i, 1)
      return `app change "${e.name}" ended`
    },
    reapply: apply,
  }
}

/** Returns an app change as the journal shows it: `errorRate 0.5 (503) on onap/pod=so-*`. */
function describeApp(c: AppOverride): string {
  const what = [
    c.errorRate !== undefined ? `errorRate ${c.errorRate} (${c.errorStatus ?? 500})` : '',
    c.latency ? `latency ${describeLatency(c.latency)}` : '',
    c.crash ? 'crash' : '',
  ].filter(Boolean)
  const on = Object.entries(c.match).map(([k, v]) => `${k}=${v}`)
  const lasts = c.forSeconds !== undefined ? ` for ${c.forSeconds}s` : ''
  return `${what.join(', ')} on ${on.join(',') || 'every app'}${lasts}`
}

function describeLatency(l: NonNullable<AppOverride['latency']>): string {
  if (l.kind === 'fixed') return `${l.ms} ms`
  if (l.kind === 'uniform') return `${l.min}-${l.max} ms`
  return `${l.mean}±${l.stddev} ms`
}
