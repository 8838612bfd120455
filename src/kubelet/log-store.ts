import type { LogReadOptions, LogSource } from '../apiserver/index.js'

/** Lines kept per container instance when its log rotates (up to MAX_LINES + ROTATE_LINES before). */
const MAX_LINES = 50_000
/** Lines dropped at once when the log rotates. */
const ROTATE_LINES = 5_000

interface Entry {
  at: Date
  line: string
}

interface Follower {
  send(chunk: string): void
  end(): void
}

interface ContainerLogs {
  current: Entry[]
  /** Bytes of `current` as `read` returns it without timestamps (each line and its newline). */
  bytes: number
  previous?: Entry[]
  /** The current instance has ended (no more lines will come). */
  ended: boolean
  followers: Set<Follower>
}

/** One container's log lines as a snapshot keeps them: `[epoch ms, line]`, current and previous instance. */
export interface ContainerLogDump {
  namespace: string
  pod: string
  container: string
  current: [number, string][]
  previous?: [number, string][]
  ended: boolean
}

/**
 * Keeps the log lines of every simulated container in memory, per container instance (the
 * current one and the one before the last restart), each with the time it was written, and
 * serves them to `kubectl logs` (and `-f`) as the API server's LogSource. One store is shared
 * by all kubelets of a lab.
 */
export class MemoryLogStore implements LogSource {
  private logs = new Map<string, ContainerLogs>()
  /** The keys of each pod's containers (by `keyOf(namespace, pod, '')`): removing a pod reads only its own. */
  private podKeys = new Map<string, Set<string>>()
  private now: () => Date

  constructor(now: () => Date = () => new Date()) {
    this.now = now
  }

  private entry(key: string): ContainerLogs {
    let e = this.logs.get(key)
    if (!e) {
      e = { current: [], bytes: 0, ended: false, followers: new Set() }
      this.put(key, e)
    }
    return e
  }

  /** Appends lines to a container's current instance (and sends them to its followers). */
  append(namespace: string, pod: string, container: string, lines: readonly string[]): void {
    const entry = this.entry(keyOf(namespace, pod, container))
    const at = this.now()
    for (const line of lines) {
      const e = { at, line }
      entry.current.push(e)
      entry.bytes += lineBytes(line)
      for (const f of entry.followers) f.send(e.line)
    }
    // As the kubelet rotates a container's log (containerLogMaxSize), the oldest lines go, a
    // file's worth at a time (one line at a time would move the whole array on every append).
    if (entry.current.length > MAX_LINES + ROTATE_LINES)
      for (const gone of entry.current.splice(0, entry.current.length - MAX_LINES))
        entry.bytes -= lineBytes(gone.line)
  }

  /** Returns the bytes of a container's current log (what `read` returns without timestamps), in constant time. */
  size(namespace: string, pod: string, container: string): number {
    return this.logs.get(keyOf(namespace, pod, container))?.bytes ?? 0
  }

  /** Starts a new instance of a container: the current log becomes the previous one. */
  newInstance(namespace: string, pod: string, container: string): void {
    const key = keyOf(namespace, pod, container)
    const entry = this.logs.get(key)
    this.endFollowers(entry)
    this.put(key, {
      current: [],
      bytes: 0,
      ...(entry ? { previous: entry.current } : {}),
      ended: false,
      followers: new Set(),
    })
  }

  /** Marks the current instance ended: followers get the rest and their streams end. */
  endInstance(namespace: string, pod: string, container: string): void {
    const entry = this.logs.get(keyOf(namespace, pod, container))
    if (!entry) return
    entry.ended = true
    this.endFollowers(entry)
  }

  /** Forgets every container of a pod (the pod is gone). */
  removePod(namespace: string, pod: string): void {
    const prefix = keyOf(namespace, pod, '')
    for (const key of this.podKeys.get(prefix) ?? []) {
      this.endFollowers(this.logs.get(key))
      this.logs.delete(key)
    }
    this.podKeys.delete(prefix)
  }

  /** Stores a container's log under its key and files the key under its pod. */
  private put(key: string, e: ContainerLogs): void {
    this.logs.set(key, e)
    const prefix = key.slice(0, key.lastIndexOf('\u0000') + 1)
    let keys = this.podKeys.get(prefix)
    if (!keys) this.podKeys.set(prefix, (keys = new Set()))
    keys.add(key)
  }

  /** Returns every container's lines (a lab snapshot). */
  dump(): ContainerLogDump[] {
    const lines = (es: Entry[]): [number, string][] => es.map((e) => [e.at.getTime(), e.line])
    return [...this.logs].map(([key, e]) => {
      const [namespace = '', pod = '', container = ''] = key.split('\u0000')
      return {
        namespace,
        pod,
        container,
        current: lines(e.current),
        ...(e.previous ? { previous: lines(e.previous) } : {}),
        ended: e.ended,
      }
    })
  }

  /** Puts back dumped lines (a restored lab), replacing what those containers had. */
  load(dumps: readonly ContainerLogDump[]): void {
    const entries = (ls: [number, string][]): Entry[] =>
      ls.map(([at, line]) => ({ at: new Date(at), line }))
    for (const d of dumps)
      this.put(keyOf(d.namespace, d.pod, d.container), {
        current: entries(d.current),
        bytes: d.current.reduce((n, [, line]) => n + lineBytes(line), 0),
        ...(d.previous ? { previous: entries(d.previous) } : {}),
        ended: d.ended,
        followers: new Set(),
      })
  }

  private endFollowers(entry: ContainerLogs | undefined): void {
    if (!entry) return
    for (const f of [...entry.followers]) f.end()
    entry.followers.clear()
  }

  /** Returns the log text of a container instance, or undefined when it never started. */
  read(
    namespace: string,
    pod: string,
    container: string,
    opts: LogReadOptions
  ): string | undefined {
    const entry = this.logs.get(keyOf(namespace, pod, container))
    const lines = opts.previous ? entry?.previous : entry?.current
    if (!lines) return undefined
    return select(lines, opts)
      .map((e) => format(e, opts.timestamps === true))
      .join('')
  }

  /**
   * Follows a container's current instance: `send` gets every line written from now on (with
   * the options' formatting) until the instance ends (`end`) or the returned stop is called.
   */
  follow(
    namespace: string,
    pod: string,
    container: string,
    opts: LogReadOptions,
    send: (chunk: string) => void,
    end: () => void
  ): () => void {
    const entry = this.logs.get(keyOf(namespace, pod, container))
    if (!entry || opts.previous || entry.ended) {
      queueMicrotask(end)
      return () => undefined
    }
    const f: Follower = {
      send: (line) => send(format({ at: this.now(), line }, opts.timestamps === true)),
      end: () => {
        entry.followers.delete(f)
        end()
      },
    }
    entry.followers.add(f)
    return () => entry.followers.delete(f)
  }
}

function select(lines: readonly Entry[], opts: LogReadOptions): Entry[] {
  let shown = opts.sinceTime ? lines.filter((e) => e.at >= opts.sinceTime!) : [...lines]
  if (opts.tailLines !== undefined) shown = opts.tailLines === 0 ? [] : shown.slice(-opts.tailLines)
  return shown
}

/** Formats a log line, with the runtime's RFC3339Nano timestamp first when asked. */
function format(e: Entry, timestamps: boolean): string {
  if (!timestamps) return `${e.line}\n`
  const iso = e.at.toISOString()
  const nanos = `${iso.slice(20, 23)}000000`.replace(/0+$/, '')
  return `${iso.slice(0, 19)}${nanos ? `.${nanos}` : ''}Z ${e.line}\n`
}

/** Returns the bytes a line takes in the log: its UTF-8 and the newline. */
function lineBytes(line: string): number {
  return Buffer.byteLength(line) + 1
}

function keyOf(namespace: string, pod: string, container: string): string {
  return `${namespace}\u0000${pod}\u0000${container}`
}
