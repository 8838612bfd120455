import { isStatusError } from '../api/errors.js'
import { objectCondition } from '../api/conditions.js'
import { asObject, isObject, rfc3339, type KubeObject } from '../api/types.js'
import { PatchType, podsRef } from '../client/index.js'
import { yieldToLoop } from '../controllers/index.js'
import { containerId, type ContainerRuntime } from './container-runtime.js'
import { startContainerLoops } from './container-loops.js'
import { runOwnCommand } from './own-command.js'
import type { KubeletContext } from './kubelet-context.js'
import { buildPodStatus } from './pod-status.js'
import { resumeContainers } from './resume-containers.js'
import { containerRuntimes } from './pod-runtimes.js'
import { pickStage, renderTemplate, stageDelayMs } from './stage-engine.js'
import {
  backoffKey,
  graceSeconds,
  stageDelays,
  stageFact,
  templateValues,
  type PodView,
} from './stage-facts.js'
import type { ContainerStage } from './stages.js'

const TERMINAL = new Set(['killed', 'exited'])

/**
 * Runs one pod on a simulated node: moves each container through the kubelet's stages (image
 * pull, init containers in order, start, probes, exits, restarts with back-off, termination),
 * records the kubelet's Events and writes the pod status after every change. Deleting the pod
 * (deletionTimestamp) stops its containers and then removes it with gracePeriodSeconds 0.
 */
export class PodWorker {
  /** The pod's UID. */
  readonly uid: string
  private ctx: KubeletContext
  private pod: KubeObject
  private init: ContainerRuntime[]
  private main: ContainerRuntime[]
  private podIP: string
  private startTime: string
  private deleting = false
  private deleteSent = false
  private stopped = false
  private advancing = false
  private again = false
  private syncing: Promise<void> | undefined
  private dirty = false
  /** The status last written (JSON), and whether the next write goes out even when equal to it. */
  private lastSent: string | undefined
  private force = false
  private unregister: (() => void) | undefined
  /** Containers found running when the kubelet resumed (a restored lab): their loops start again. */
  private resumed: ContainerRuntime[] = []

  constructor(ctx: KubeletContext, pod: KubeObject) {
    this.ctx = ctx
    this.pod = pod
    this.uid = pod.metadata.uid ?? ''
    const spec = asObject(pod.spec)
    const { init, main } = containerRuntimes(ctx.behaviours, pod)
    this.init = init
    this.main = main
    // Restarted kubelets keep counting where the pod's status left off.
    const known =
      isObject(pod.status) && Array.isArray(pod.status.containerStatuses)
        ? pod.status.containerStatuses.filter(isObject)
        : []
    for (const c of this.main)
      c.restartCount = Number(known.find((s) => s.name === c.name)?.restartCount ?? 0)
    if (ctx.resume) this.resumed = resumeContainers(pod, this.all(), ctx.images)
    const key = `${pod.metadata.namespace}/${pod.metadata.name}/${this.uid}`
    const oldIP =
      isObject(pod.status) && typeof pod.status.podIP === 'string' ? pod.status.podIP : ''
    if (spec.hostNetwork === true) this.podIP = ctx.nodeIP
    else this.podIP = oldIP && ctx.ips.reserve(key, oldIP) ? oldIP : ctx.ips.allocate(key)
    const oldStart =
      isObject(pod.status) && typeof pod.status.startTime === 'string' ? pod.status.startTime : ''
    this.startTime = oldStart || rfc3339(ctx.clock.now())
  }

  /** Starts the pod: writes its first status and sets its containers going. */
  start(): void {
    this.unregister = this.ctx.exec?.register(this.execHandle())
    for (const c of this.resumed.splice(0)) this.relaunch(c)
    this.sync()
    if (this.pod.metadata.deletionTimestamp) this.deleting = true
    this.advanceAll()
  }

  /** Takes a newer version of the pod from the watch; a deletionTimestamp starts termination. */
  update(pod: KubeObject): void {
    this.pod = pod
    if (pod.metadata.deletionTimestamp && !this.deleting) {
      this.deleting = true
      for (const c of this.all()) this.cancel(c)
      this.advanceAll()
      return
    }
    // Someone else rewrote the status (the node controller marks pods not ready while a node is
    // unknown); the kubelet's status manager puts back what the containers really are.
    if (!this.syncing && readyOf(pod) !== readyOf({ ...pod, status: this.computeStatus() }))
      this.sync(true)
  }

  /** Stops all timers (the kubelet stops, or the pod is gone). */
  stop(): void {
    this.stopped = true
    for (const c of this.all()) this.cancel(c)
  }

  /** Releases what the pod held on the node (IP, logs) once it is gone from the API. */
  dispose(): void {
    this.stop()
    this.unregister?.()
    this.ctx.ips.release(`${this.pod.metadata.namespace}/${this.pod.metadata.name}/${this.uid}`)
    this.ctx.logs.removePod(this.pod.metadata.namespace ?? '', this.pod.metadata.name ?? '')
  }

  private all(): ContainerRuntime[] {
    return [...this.init, ...this.main]
  }

  private cancel(c: ContainerRuntime): void {
    c.cancelStage?.()
    c.cancelStage = undefined
    for (const stop of c.cancelLoops.splice(0)) stop()
  }

  private advanceAll(): void {
    if (this.stopped) return
    if (this.advancing) {
      this.again = true
      return
    }
    this.advancing = true
    try {
      do {
        this.again = false
        for (const c of this.all()) this.advance(c)
      } while (this.again)
    } finally {
      this.advancing = false
    }
    if (this.deleting && !this.deleteSent && this.all().every((c) => TERMINAL.has(c.phase)))
      void this.finishDeletion()
  }

  private advance(c: ContainerRuntime): void {
    if (c.cancelStage || this.stopped) return
    const stage = pickStage(this.ctx.stages, c, this.deleting, (w, x) =>
      stageFact(this.view(), w, x)
    )
    if (!stage) return
    let ms = stageDelayMs(stage.delay, () => stageDelays(this.view(), c))
    // A pull waits its turn on the node's serial puller.
    if (stage.delay && 'from' in stage.delay && stage.delay.from === 'pull' && this.ctx.puller)
      ms = this.ctx.puller.queue(this.ctx.clock.simMs(), ms)
    if (ms <= 0) return this.apply(c, stage)
    c.cancelStage = this.ctx.clock.after(ms, () => {
      c.cancelStage = undefined
      this.apply(c, stage)
    })
  }

  private apply(c: ContainerRuntime, stage: ContainerStage): void {
    if (this.stopped) return
    const values = templateValues(this.view(), c)
    for (const e of stage.events ?? [])
      this.event(c, e.type, e.reason, renderTemplate(e.message, values))
    c.phase = stage.next.phase
    if (stage.next.waiting) {
      const { reason, message } = stage.next.waiting
      c.waiting = { reason, ...(message ? { message: renderTemplate(message, values) } : {}) }
    }
    for (const effect of stage.effects ?? []) this.effect(c, effect)
    this.sync()
    this.advanceAll()
  }

  private effect(
    c: ContainerRuntime,
    effect: NonNullable<ContainerStage['effects']>[number]
  ): void {
    const { ctx } = this
    const ns = this.pod.metadata.namespace ?? ''
    const name = this.pod.metadata.name ?? ''
    switch (effect) {
      case 'new-instance':
        if (c.instances > 0) {
          c.restartCount++
          c.last = c.current
        }
        c.current = undefined
        c.instances++
        c.containerID = containerId(this.uid, c.name, c.instances)
        ctx.logs.newInstance(ns, name, c.name)
        break
      case 'started': {
        c.startedAt = rfc3339(ctx.clock.now())
        c.waiting = undefined
        c.ready = !c.init && !isObject(c.spec.readinessProbe)
        const values = templateValues(this.view(), c)
        ctx.logs.append(
          ns,
          name,
          c.name,
          c.behaviour.logs.map((l) => renderTemplate(l, values))
        )
        c.cancelLoops.push(...startContainerLoops(this.loopHost(), c))
        const own = runOwnCommand(this.ctx, this.pod, c, (code) => this.loopHost().exit(c, code))
        if (own) c.cancelLoops.push(own)
        break
      }
      case 'remember-image':
        ctx.images.add(c.image)
        break
      case 'image-backoff':
        ctx.imageBackoff.next(`${this.uid}_${c.image}`)
        break
      case 'restart-backoff':
        ctx.restartBackoff.next(backoffKey(this.view(), c))
        break
      case 'exit':
        this.finish(c, c.behaviour.exitCode)
        ctx.logs.append(
          ns,
          name,
          c.name,
          c.behaviour.exitLogs.map((l) => renderTemplate(l, templateValues(this.view(), c)))
        )
        break
      case 'terminate':
        this.finish(c, c.behaviour.stopSeconds <= graceSeconds(this.pod) ? 143 : 137)
        break
    }
  }

  /** Starts the probes, polls and own command of a container that was running when the kubelet resumed. */
  private relaunch(c: ContainerRuntime): void {
    c.cancelLoops.push(...startContainerLoops(this.loopHost(), c))
    const own = runOwnCommand(this.ctx, this.pod, c, (code) => this.loopHost().exit(c, code))
    if (own) c.cancelLoops.push(own)
  }

  /** Ends the running instance of a container with an exit code. */
  private finish(c: ContainerRuntime, exitCode: number): void {
    for (const stop of c.cancelLoops.splice(0)) stop()
    this.ctx.logs.endInstance(
      this.pod.metadata.namespace ?? '',
      this.pod.metadata.name ?? '',
      c.name
    )
    const now = this.ctx.clock.now()
    c.current = {
      exitCode,
      reason: exitCode === 0 ? 'Completed' : 'Error',
      startedAt: c.startedAt ?? rfc3339(now),
      finishedAt: rfc3339(now),
      containerID: c.containerID ?? '',
    }
    c.finishedAtMs = this.ctx.clock.simMs()
    c.ready = c.init && exitCode === 0
  }

  private loopHost() {
    return {
      ctx: this.ctx,
      pod: () => this.pod,
      podIP: () => this.podIP,
      event: (c: ContainerRuntime, type: 'Normal' | 'Warning', reason: string, message: string) =>
        this.event(c, type, reason, message),
      setReady: (c: ContainerRuntime, ready: boolean) => {
        if (c.phase !== 'running' || c.ready === ready) return
        c.ready = ready
        this.sync()
      },
      unhealthy: (c: ContainerRuntime) => {
        if (c.phase !== 'running' || this.deleting) return
        for (const stop of c.cancelLoops.splice(0)) stop()
        c.ready = false
        c.phase = 'unhealthy'
        this.sync()
        this.advanceAll()
      },
      exit: (c: ContainerRuntime, code: number) => {
        if (c.phase !== 'running' || this.deleting) return
        this.finish(c, code)
        c.phase = 'exited'
        this.sync()
        this.advanceAll()
      },
    }
  }

  private execHandle() {
    return {
      pod: () => this.pod,
      podIP: () => this.podIP,
      hostIP: this.ctx.nodeIP,
      container: (name: string) => {
        const c = this.all().find((x) => x.name === name)
        if (!c) return undefined
        return {
          running: c.phase === 'running',
          instance: c.instances,
          startedAt: c.startedAt ? new Date(c.startedAt) : this.ctx.clock.now(),
          spec: c.spec,
          ...(c.behaviour.commands ? { commands: c.behaviour.commands } : {}),
        }
      },
      kill: (name: string, code: number) => {
        const c = this.all().find((x) => x.name === name)
        if (c) this.loopHost().exit(c, code)
      },
    }
  }

  private view(): PodView {
    return { ctx: this.ctx, pod: this.pod, uid: this.uid, podIP: this.podIP, init: this.init }
  }

  private event(
    c: ContainerRuntime,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string
  ): void {
    const fieldPath = `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`
    void this.ctx.recorder.event(this.pod, type, reason, message, { fieldPath })
  }

  /**
   * Writes the pod status; calls made while a write is in flight are folded into one more write.
   * As the 1.11 status manager (updateStatusInternal), a status equal to the last one written is
   * not sent again unless `force` (reconciling a status someone else rewrote) or the pod is being
   * deleted (SetPodStatus forces an update once deletionTimestamp is set).
   */
  private sync(force = false): void {
    if (this.stopped) return
    if (force) this.force = true
    if (this.syncing) {
      this.dirty = true
      return
    }
    this.syncing = this.writeStatus().finally(() => (this.syncing = undefined))
  }

  private async writeStatus(): Promise<void> {
    do {
      // Let the event loop (the API server's clients) in first when the components had it long.
      await yieldToLoop()
      if (this.stopped) return
      this.dirty = false
      const status = this.computeStatus()
      const sent = JSON.stringify(status)
      const forced = this.force || this.pod.metadata.deletionTimestamp !== undefined
      this.force = false
      if (!forced && sent === this.lastSent) continue
      try {
        const { name, namespace } = this.pod.metadata
        this.pod = await this.ctx.client.patch(
          podsRef,
          name ?? '',
          namespace,
          { status },
          PatchType.merge,
          { subresource: 'status', handOver: true }
        )
        this.lastSent = sent
      } catch (err) {
        // A pod deleted meanwhile needs no status; anything else is reported and retried on the next change.
        if (!isStatusError(err, 'NotFound')) this.ctx.onError(err)
        return
      }
    } while (this.dirty && !this.stopped)
  }

  private computeStatus() {
    return buildPodStatus({
      pod: this.pod,
      initContainers: this.init,
      containers: this.main,
      hostIP: this.ctx.nodeIP,
      podIP: this.podIP,
      startTime: this.startTime,
      now: rfc3339(this.ctx.clock.now()),
    })
  }

  private async finishDeletion(): Promise<void> {
    this.deleteSent = true
    this.sync()
    while (this.syncing) await this.syncing
    const { name, namespace } = this.pod.metadata
    try {
      await this.ctx.client.delete(podsRef, name ?? '', namespace, {
        gracePeriodSeconds: 0,
        preconditions: { uid: this.uid },
      })
    } catch (err) {
      // Already gone (or replaced by a pod of the same name): nothing left to remove.
      if (!isStatusError(err, 'NotFound') && !isStatusError(err, 'Conflict')) this.ctx.onError(err)
    }
  }
}

function readyOf(pod: KubeObject): unknown {
  return objectCondition(pod, 'Ready')?.status
}
