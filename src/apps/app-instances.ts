import type { KubeObject } from '../api/types.js'
import type { AppInstance } from './types.js'

/**
 * The running built-in app instances, one per container instance (pod uid, container, restart
 * count): a container that restarts gets a fresh instance, as a restarted process loses its memory.
 */
export class AppInstances {
  private byKey = new Map<string, AppInstance>()

  /** Returns the key of a container instance. */
  static key(pod: KubeObject, container: string, restarts: number): string {
    const m = pod.metadata
    return `${m.namespace ?? ''}/${m.name ?? ''}/${m.uid ?? ''}/${container}/${restarts}`
  }

  /** Returns the instance of a key, or undefined when none runs. */
  peek(key: string): AppInstance | undefined {
    return this.byKey.get(key)
  }

  /** Returns the instance of a key, creating it when missing. */
  get(key: string, create: () => AppInstance): AppInstance {
    let inst = this.byKey.get(key)
    if (!inst) {
      inst = create()
      this.byKey.set(key, inst)
    }
    return inst
  }

  /** Stops the instances of a pod whose keys are not in `keep`. */
  prunePod(pod: KubeObject, keep: ReadonlySet<string>): void {
    const m = pod.metadata
    const prefix = `${m.namespace ?? ''}/${m.name ?? ''}/`
    for (const [k, inst] of this.byKey)
      if (k.startsWith(prefix) && !keep.has(k)) {
        this.byKey.delete(k)
        inst.stop?.()
      }
  }

  /** Stops every instance. */
  stopAll(): void {
    for (const inst of this.byKey.values()) inst.stop?.()
    this.byKey.clear()
  }
}
