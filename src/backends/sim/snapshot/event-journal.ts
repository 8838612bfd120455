import { createWriteStream } from 'node:fs'
import type { KubeObject } from '../../../api/types.js'
import type { StartedSimLab } from '../sim-lab.js'

/**
 * One line of the journal (`<state>/journal.ndjson`): an API write and who made it, or (`type:
 * SCENARIO`, `by: scenario`) a scheduled scenario event, `name` its entry and `what` what it did.
 */
export interface JournalEntry {
  /** Wall-clock time (RFC 3339 with ms). */
  at: string
  /** The API's resourceVersion (for a scenario event: the counter when it happened). */
  rv: number
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'SCENARIO'
  /** The storage: `pods`, `deployments.apps` (`scenario` for a scenario event). */
  resource: string
  namespace?: string
  name: string
  /** The writer: the request's field manager (kubectl-create, helm, kubelet, …). */
  by: string
  /** A pod's container state changes in this write (`web: ContainerCreating → running`). */
  changes?: string[]
  /** A scenario event: what it did (`deleted pod default/web-1`, `failed: …`). */
  what?: string
}

/** The running journal: its stop, and how scenario events get in. */
export interface Journal {
  /** Records a scheduled scenario event (entry name, what it did). */
  note(name: string, what: string): void
  stop(): Promise<void>
}

/** The journal's file name in the state dir. */
export const JOURNAL_FILE = 'journal.ndjson'

/**
 * Records every API write of the lab to the journal file as it happens, with who made it (the
 * store's events carry the request's field manager) and, for pods, the container state changes
 * (the kubelets' transitions). Scenario events come in through `note`.
 */
export function startJournal(lab: StartedSimLab, file: string): Journal {
  const out = createWriteStream(file, { flags: 'a', mode: 0o600 })
  // The lines of one turn of the event loop go out as one write: an install makes thousands of
  // writes in bursts, and a write call per line cost more than making the lines.
  let pending = ''
  let scheduled = false
  const flush = () => {
    scheduled = false
    if (pending === '' || out.writableEnded) return
    out.write(pending)
    pending = ''
  }
  const append = (entry: JournalEntry) => {
    pending += `${JSON.stringify(entry)}\n`
    if (!scheduled) {
      scheduled = true
      setImmediate(flush)
    }
  }
  const unsubscribe = lab.cluster.api.store.subscribe((ev) => {
    const o = ev.object
    const entry: JournalEntry = {
      at: new Date().toISOString(),
      rv: ev.rv,
      type: ev.type,
      resource: ev.storage,
      ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
      name: o.metadata.name ?? '',
      by: writer(ev.by ?? 'kube-apiserver', ev.storage, o),
    }
    const changes = ev.storage === 'pods' ? containerChanges(ev.old, o) : []
    if (changes.length) entry.changes = changes
    append(entry)
  })
  return {
    note(name, what) {
      if (out.writableEnded) return // an action that ended while the daemon stops
      const entry: JournalEntry = {
        at: new Date().toISOString(),
        rv: lab.cluster.api.store.currentRv(),
        type: 'SCENARIO',
        resource: 'scenario',
        name,
        by: 'scenario',
        what,
      }
      append(entry)
    },
    async stop() {
      unsubscribe()
      flush()
      await new Promise<void>((resolve) => out.end(resolve))
    },
  }
}

/** Names a kubelet by its node (`kubelet/worker2`): all kubelets share one user agent. */
function writer(agent: string, storage: string, o: KubeObject): string {
  if (agent !== 'kubelet') return agent
  const spec = (o.spec ?? {}) as { nodeName?: string }
  const node =
    storage === 'nodes' ? o.metadata.name : storage === 'pods' ? spec.nodeName : undefined
  return node ? `kubelet/${node}` : agent
}

/** Returns `name: before → after` for each container whose state changed between two pods. */
export function containerChanges(old: KubeObject | undefined, pod: KubeObject): string[] {
  const states = (p: KubeObject | undefined) => {
    const status = (p?.status ?? {}) as Record<string, unknown>
    const all = [
      ...((status.initContainerStatuses as unknown[] | undefined) ?? []),
      ...((status.containerStatuses as unknown[] | undefined) ?? []),
    ] as {
      name: string
      state?: Record<string, { reason?: string; exitCode?: number }>
      ready?: boolean
      restartCount?: number
    }[]
    return new Map(all.map((c) => [c.name, describe(c)]))
  }
  const before = states(old)
  const after = states(pod)
  const out: string[] = []
  for (const [name, now] of after) {
    const was = before.get(name) ?? 'none'
    if (was !== now) out.push(`${name}: ${was} → ${now}`)
  }
  return out
}

function describe(c: {
  state?: Record<string, { reason?: string; exitCode?: number }>
  ready?: boolean
  restartCount?: number
}): string {
  const [kind, detail] = Object.entries(c.state ?? {})[0] ?? ['unknown', {}]
  const why = detail.reason ?? (kind === 'terminated' ? `exit ${String(detail.exitCode)}` : '')
  const restarts = c.restartCount ? `, ${c.restartCount} restarts` : ''
  return `${kind}${why ? ` (${why})` : ''}${c.ready ? ', ready' : ''}${restarts}`
}
