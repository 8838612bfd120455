import type { KubeClient } from '../client/index.js'
import { EventRecorder } from '../client/index.js'
import type { Clock } from '../util/index.js'
import type { MeshSource } from './mesh-watcher.js'
import { configWarnings, createPushContext } from './pilot/index.js'

/**
 * Reports what Pilot ignores as Warning Events on the objects (`kubectl describe` shows them),
 * re-checking whenever the mesh's objects change; each distinct warning is written once per
 * object version.
 */
export class ConfigWarner {
  private seen = new Set<string>()
  private last = -1
  private recorder: EventRecorder
  private source: MeshSource
  private timer: ReturnType<typeof setInterval> | undefined

  constructor(client: KubeClient, clock: Clock, source: MeshSource) {
    this.recorder = new EventRecorder({ client, clock, source: { component: 'pilot' } })
    this.source = source
  }

  /** Checks now: emits the warnings not reported yet. */
  check(): void {
    const v = this.source.version()
    if (v === this.last) return
    this.last = v
    for (const w of configWarnings(createPushContext(this.source.objects()))) {
      const key = `${w.object.metadata.uid ?? ''}|${w.object.metadata.resourceVersion ?? ''}|${w.message}`
      if (this.seen.has(key)) continue
      this.seen.add(key)
      void this.recorder.event(w.object, 'Warning', w.reason, w.message)
    }
  }

  /** Checks every `everyMs` wall-clock ms until stopped. */
  start(everyMs = 500): void {
    this.timer = setInterval(() => this.check(), everyMs)
    this.timer.unref()
  }

  /** Stops checking. */
  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }
}
