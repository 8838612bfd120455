import type { LogSource } from '../apiserver/index.js'

interface ContainerLogs {
  current: string[]
  previous?: string[]
}

/**
 * Keeps the log lines of every simulated container in memory, per container instance (the
 * current one and the one before the last restart), and serves them to `kubectl logs` as the
 * API server's LogSource. One store is shared by all kubelets of a lab.
 */
export class MemoryLogStore implements LogSource {
  private logs = new Map<string, ContainerLogs>()

  /** Appends lines to a container's current instance. */
  append(namespace: string, pod: string, container: string, lines: readonly string[]): void {
    const key = keyOf(namespace, pod, container)
    const entry = this.logs.get(key) ?? { current: [] }
    entry.current.push(...lines)
    this.logs.set(key, entry)
  }

  /** Starts a new instance of a container: the current log becomes the previous one. */
  newInstance(namespace: string, pod: string, container: string): void {
    const key = keyOf(namespace, pod, container)
    const entry = this.logs.get(key)
    this.logs.set(key, entry ? { current: [], previous: entry.current } : { current: [] })
  }

  /** Forgets every container of a pod (the pod is gone). */
  removePod(namespace: string, pod: string): void {
    const prefix = keyOf(namespace, pod, '')
    for (const key of [...this.logs.keys()]) if (key.startsWith(prefix)) this.logs.delete(key)
  }

  /** Returns the log text of a container instance, or undefined when it never started. */
  read(
    namespace: string,
    pod: string,
    container: string,
    opts: { previous: boolean; tailLines?: number }
  ): string | undefined {
    const entry = this.logs.get(keyOf(namespace, pod, container))
    const lines = opts.previous ? entry?.previous : entry?.current
    if (!lines) return undefined
    const shown =
      opts.tailLines === undefined
        ? lines
        : opts.tailLines === 0
          ? []
          : lines.slice(-opts.tailLines)
    return shown.map((l) => `${l}\n`).join('')
  }
}

function keyOf(namespace: string, pod: string, container: string): string {
  return `${namespace}\u0000${pod}\u0000${container}`
}
