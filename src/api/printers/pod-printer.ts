import type { KubeObject } from '../types.js'
import { at, list, num, optBool, rec, str } from './fields.js'
import { ageSince, humanDuration, parseTimestamp } from './human-duration.js'
import type { PrintContext, Printer, RestartsStyle } from './printer.js'
import { ageColumn, column, nameColumn } from './table-columns.js'
import type { TableCell, TableRowCondition } from './table-columns.js'

const NODE_UNREACHABLE_REASON = 'NodeLost'

/** Returns the pod printer (pkg/printers/internalversion printPod). */
export function newPodPrinter(restarts: RestartsStyle = 'count'): Printer {
  const withAge = restarts === 'countAndAge'
  return {
    columns: [
      nameColumn(),
      column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
      column('Status', 'string', 'The aggregate status of the containers in this pod.'),
      withAge
        ? column(
            'Restarts',
            'string',
            'How often the containers restarted, and when they last did.'
          )
        : column(
            'Restarts',
            'integer',
            'The number of times the containers in this pod restarted.'
          ),
      ageColumn(),
      column('IP', 'string', 'The IP address allocated to the pod.', { priority: 1 }),
      column('Node', 'string', 'The node the pod is bound to.', { priority: 1 }),
      column('Nominated Node', 'string', 'The node the scheduler nominated for preemption.', {
        priority: 1,
      }),
      column('Readiness Gates', 'string', 'How many readiness gates of the pod are true.', {
        priority: 1,
      }),
    ],
    cells: (pod, ctx) => podCells(pod, ctx, withAge),
    conditions: podRowConditions,
  }
}

function podRowConditions(pod: KubeObject): TableRowCondition[] | undefined {
  const phase = str(pod, 'status', 'phase')
  if (phase === 'Succeeded') {
    return [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ]
  }
  if (phase === 'Failed') {
    return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]
  }
  return undefined
}

function podCells(pod: KubeObject, ctx: PrintContext, withAge: boolean): TableCell[] {
  const s = podSummary(pod)
  let restarts: TableCell = withAge ? String(s.restarts) : s.restarts
  if (withAge && s.restarts !== 0 && s.lastRestart !== undefined) {
    restarts = `${s.restarts} (${humanDuration(ctx.now.getTime() - s.lastRestart)} ago)`
  }
  // Objects written by 1.11 clients carry only status.podIP; the server's conversion fills podIPs.
  const ip = str(pod, 'status', 'podIPs', 0, 'ip') || str(pod, 'status', 'podIP') || '<none>'
  return [
    pod.metadata.name ?? '',
    `${s.ready}/${s.total}`,
    s.reason,
    restarts,
    ageSince(pod.metadata.creationTimestamp, ctx.now),
    ip,
    str(pod, 'spec', 'nodeName') || '<none>',
    str(pod, 'status', 'nominatedNodeName') || '<none>',
    readinessGates(pod),
  ]
}

function readinessGates(pod: KubeObject): string {
  const gates = list(pod, 'spec', 'readinessGates')
  if (gates.length === 0) return '<none>'
  const conditions = list(pod, 'status', 'conditions')
  let trueCount = 0
  for (const gate of gates) {
    const c = conditions.find((c) => str(c, 'type') === str(gate, 'conditionType'))
    if (c !== undefined && str(c, 'status') === 'True') trueCount++
  }
  return `${trueCount}/${gates.length}`
}

interface PodSummary {
  ready: number
  total: number
  reason: string
  restarts: number
  lastRestart: number | undefined
}

/** Returns the Ready, Status and Restarts figures of a pod, computed as kubectl shows them. */
export function podSummary(pod: KubeObject): PodSummary {
  const phase = str(pod, 'status', 'phase')
  let reason = str(pod, 'status', 'reason') || phase
  const conditions = list(pod, 'status', 'conditions')
  for (const c of conditions) {
    if (str(c, 'type') === 'PodScheduled' && str(c, 'reason') === 'SchedulingGated')
      reason = 'SchedulingGated'
  }
  const initSpecs = list(pod, 'spec', 'initContainers')
  const sidecars = new Set(
    initSpecs.filter((c) => str(c, 'restartPolicy') === 'Always').map((c) => str(c, 'name'))
  )
  const total = list(pod, 'spec', 'containers').length + sidecars.size
  let ready = 0
  let restarts = 0
  let lastRestart: number | undefined
  let sidecarRestarts = 0
  let lastSidecarRestart: number | undefined

  const initStatuses = list(pod, 'status', 'initContainerStatuses')
  let initializing = false
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i]
    const isSidecar = sidecars.has(str(cs, 'name'))
    restarts += num(cs, 'restartCount')
    lastRestart = later(lastRestart, at(cs, 'lastState', 'terminated', 'finishedAt'))
    if (isSidecar) {
      sidecarRestarts += num(cs, 'restartCount')
      lastSidecarRestart = later(
        lastSidecarRestart,
        at(cs, 'lastState', 'terminated', 'finishedAt')
      )
    }
    const terminated = rec(cs, 'state', 'terminated')
    const waitingReason = str(cs, 'state', 'waiting', 'reason')
    if (terminated && num(terminated, 'exitCode') === 0) continue
    if (isSidecar && optBool(cs, 'started') === true) {
      if (optBool(cs, 'ready') === true) ready++
      continue
    }
    if (terminated) {
      reason = terminatedReason(terminated, 'Init:')
    } else if (waitingReason !== '' && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`
    } else {
      reason = `Init:${i}/${initSpecs.length}`
    }
    initializing = true
    break
  }

  const initialized = conditions.some(
    (c) => str(c, 'type') === 'Initialized' && str(c, 'status') === 'True'
  )
  if (!initializing || initialized) {
    restarts = sidecarRestarts
    lastRestart = lastSidecarRestart
    let hasRunning = false
    const statuses = list(pod, 'status', 'containerStatuses')
    // Walk backwards so that the first container's state decides the reason.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i]
      restarts += num(cs, 'restartCount')
      lastRestart = later(lastRestart, at(cs, 'lastState', 'terminated', 'finishedAt'))
      const waitingReason = str(cs, 'state', 'waiting', 'reason')
      const terminated = rec(cs, 'state', 'terminated')
      if (waitingReason !== '') {
        reason = waitingReason
      } else if (terminated) {
        reason = terminatedReason(terminated, '')
      } else if (optBool(cs, 'ready') === true && rec(cs, 'state', 'running')) {
        hasRunning = true
        ready++
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = conditions.some(
        (c) => str(c, 'type') === 'Ready' && str(c, 'status') === 'True'
      )
      reason = podReady ? 'Running' : 'NotReady'
    }
  }

  if (pod.metadata.deletionTimestamp) {
    if (str(pod, 'status', 'reason') === NODE_UNREACHABLE_REASON) reason = 'Unknown'
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating'
  }
  return { ready, total, reason, restarts, lastRestart }
}

function terminatedReason(terminated: Record<string, unknown>, prefix: string): string {
  const r = str(terminated, 'reason')
  if (r !== '') return prefix + r
  const signal = num(terminated, 'signal')
  return signal !== 0
    ? `${prefix}Signal:${signal}`
    : `${prefix}ExitCode:${num(terminated, 'exitCode')}`
}

function later(current: number | undefined, ts: unknown): number | undefined {
  const t = parseTimestamp(ts)
  if (t === undefined) return current
  return current === undefined || t > current ? t : current
}
