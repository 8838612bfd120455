import { seededIds } from '../../apiserver/index.js'
import { asObject, type KubeObject, type Obj } from '../../api/types.js'
import type { SimPki } from '../../backends/sim/index.js'
import { startTestCluster } from '../apiserver/index.js'
import { podsRef, type KubeClient } from '../../client/index.js'
import {
  defaultBehaviourRegistry,
  ImageBehaviourRegistry,
  startKubelet,
  type ContainerStage,
} from '../../kubelet/index.js'
import { fakeClock } from '../../util/index.js'
import { goldenSteps, type GoldenStep } from './golden-steps.js'
import { settle } from './sim-harness.js'
import type { StageCase, StageCaseAction } from './stage-case.js'
import { trackedClock, type TrackedClock } from './tracked-clock.js'
import { recordWrites, type RecordedWrite, type WriteRecorder } from './write-recorder.js'

/** What running a case gave: its golden steps, the raw writes and the errors the kubelet reported. */
export interface StageCaseRun {
  steps: GoldenStep[]
  writes: RecordedWrite[]
  errors: unknown[]
}

/** Most event-loop turns one instant may take to go quiet before the run is declared stuck. */
const MAX_SETTLE_TURNS = 2_000
/** Most instants one case may have (timers, actions) before the run is declared runaway. */
const MAX_INSTANTS = 20_000

/**
 * Runs one stage case against a fresh in-process API server (Kubernetes 1.11.1) and one kubelet
 * for the case's Node, on a fake clock: the pod is created at t0, then time jumps from one pending
 * timer to the next (and to each action) until `runSeconds`. Before every jump the kubelet's
 * requests and the watches they cause are waited out, so each instant's writes are complete and
 * their content does not depend on how fast the machine is. `pki` is reused between cases;
 * `stages` replaces the kubelet's stage table (to show that a changed stage changes the output).
 */
export async function runStageCase(
  c: StageCase,
  pki: SimPki,
  opts: { stages?: readonly ContainerStage[] } = {}
): Promise<StageCaseRun> {
  const clock = trackedClock(fakeClock())
  const errors: unknown[] = []
  const cluster = await startTestCluster({
    ids: seededIds(7, () => clock.now()),
    pki,
    onError: (e) => errors.push(e),
  })
  try {
    const { namespace = 'default', name = '' } = c.pod.metadata
    const rec = recordWrites(cluster.client('kubelet'), clock, { namespace, name })
    const behaviours = (
      c.labBehaviours ? defaultBehaviourRegistry() : new ImageBehaviourRegistry()
    ).add(c.behaviours)
    const kubelet = await startKubelet(rec.client, clock, {
      node: c.node,
      behaviours,
      images: c.imagesOnNode,
      scenario: { missingImages: c.missingImages },
      ...(opts.stages ? { stages: opts.stages } : {}),
      onError: (e) => errors.push(e),
    })
    const test = cluster.client('test')
    await quiet(rec, c.name)
    const t0 = clock.simMs()
    const created = await test.create(podsRef, c.pod)
    await drive(clock, rec, c, t0, (a) => act(test, created, a))
    kubelet.stop()
    return {
      steps: goldenSteps(rec.writes, t0, created.metadata.uid ?? ''),
      writes: rec.writes,
      errors,
    }
  } finally {
    await cluster.stop()
  }
}

/** Moves the clock from instant to instant until the case's end, doing its actions on time. */
async function drive(
  clock: TrackedClock,
  rec: WriteRecorder,
  c: StageCase,
  t0: number,
  act: (a: StageCaseAction) => Promise<void>
): Promise<void> {
  const end = t0 + c.runSeconds * 1000
  const actions = [...c.actions].sort((a, b) => a.atSeconds - b.atSeconds)
  for (let n = 0; n < MAX_INSTANTS; n++) {
    await quiet(rec, c.name)
    const nextAction = actions[0] ? t0 + actions[0].atSeconds * 1000 : Infinity
    const next = Math.min(clock.nextDueMs() ?? Infinity, nextAction, end)
    clock.advance(Math.max(0, next - clock.simMs()))
    await quiet(rec, c.name)
    while (actions[0] && t0 + actions[0].atSeconds * 1000 <= clock.simMs()) {
      await act(actions.shift()!)
      await quiet(rec, c.name)
    }
    if (clock.simMs() >= end) return
  }
  throw new Error(`stage case ${c.name}: more than ${MAX_INSTANTS} instants before its end`)
}

/** Waits until the kubelet has no request open and sent none for a few event-loop turns. */
async function quiet(rec: WriteRecorder, name: string): Promise<void> {
  let still = 0
  for (let turn = 0; turn < MAX_SETTLE_TURNS; turn++) {
    const before = rec.calls()
    await settle()
    if (rec.inFlight() === 0 && rec.calls() === before) {
      if (++still >= 3) return
    } else still = 0
  }
  throw new Error(`stage case ${name}: the kubelet's requests did not settle`)
}

/** Does one action to the pod with the test's own client (not recorded). */
async function act(client: KubeClient, pod: KubeObject, a: StageCaseAction): Promise<void> {
  const { name = '', namespace } = pod.metadata
  if ('delete' in a) {
    await client.delete(podsRef, name, namespace, {
      gracePeriodSeconds: a.delete.gracePeriodSeconds,
    })
    return
  }
  // As the node lifecycle controller's MarkAllPodsNotReady: Ready set False, the status PUT.
  const current = await client.get(podsRef, name, namespace)
  const status = asObject(current.status)
  const conditions = (Array.isArray(status.conditions) ? (status.conditions as Obj[]) : []).map(
    (x) => (x.type === 'Ready' ? { ...x, status: 'False' } : x)
  )
  await client.update(
    podsRef,
    { ...current, status: { ...status, conditions } },
    { subresource: 'status' }
  )
}
