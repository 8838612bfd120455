import type { ContainerFs } from './container-fs.js'

/** Where a process writes. */
export interface Output {
  write(chunk: Buffer | string): void
}

/** One process in a container, as `ps` shows it. */
export interface ProcessEntry {
  pid: number
  user: string
  command: string
  startedAt: Date
}

/** What the container around a process provides: identity, clock, processes, network. */
export interface ContainerSystem {
  hostname: string
  now(): Date
  /** True when the image has this executable (image-behaviour data; distroless has none). */
  hasCommand(name: string): boolean
  processes(): ProcessEntry[]
  /** Registers a process; returns its pid and the function that ends its entry. */
  spawn(command: string): { pid: number; exit(): void }
  /** Sends a signal to a pid; false when there is no such process. */
  kill(pid: number, signal: string): boolean
  /** Resolves a host name as the pod's resolver does; empty when unknown. */
  resolve(name: string): Promise<string[]>
  /** The pod's resolv.conf nameserver. */
  nameserver: string
  /** Sends an HTTP request from the pod (through its sidecar); throws NetError. */
  fetch(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: Buffer; timeoutMs?: number }
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }>
  /** Runs curl with the network's engine; resolves with curl's exit code. */
  curl(
    argv: string[],
    stdout: Output,
    stderr: Output,
    signal: AbortSignal,
    tty?: boolean
  ): Promise<number>
}

/** What a command runs with. */
export interface ProcessContext {
  argv: string[]
  env: Record<string, string>
  cwd: string
  fs: ContainerFs
  stdin: AsyncIterable<Buffer>
  stdout: Output
  stderr: Output
  signal: AbortSignal
  sys: ContainerSystem
  /** True when the session has a terminal (`-t`). */
  tty?: boolean
  /** Runs a script in a child shell (for `sh -c`, `sh script`, interactive `sh`). */
  shell(args: string[], ctx: ProcessContext): Promise<number>
}

/** A command of the container: resolves with its exit code. */
export type CommandFn = (ctx: ProcessContext) => Promise<number>

/** Reads all of stdin. */
export async function readAll(stdin: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of stdin) chunks.push(c)
  return Buffer.concat(chunks)
}

/** An empty stdin. */
export const NO_INPUT: AsyncIterable<Buffer> = {
  async *[Symbol.asyncIterator]() {
    // Nothing to read: EOF at once.
  },
}

/** An in-memory pipe: what one command writes, the next reads. */
export class Pipe implements Output, AsyncIterable<Buffer> {
  private chunks: Buffer[] = []
  private ended = false
  private wake: (() => void) | undefined

  write(chunk: Buffer | string): void {
    if (this.ended) return
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
    this.wake?.()
  }

  end(): void {
    this.ended = true
    this.wake?.()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const c = this.chunks.shift()
      if (c) {
        yield c
        continue
      }
      if (this.ended) return
      await new Promise<void>((r) => (this.wake = r))
      this.wake = undefined
    }
  }
}

/** Collects output in memory. */
export class Collect implements Output {
  chunks: Buffer[] = []
  write(chunk: Buffer | string): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  }
  text(): string {
    return Buffer.concat(this.chunks).toString()
  }
}

/** Sleeps `ms`, or less when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const t = setTimeout(done, ms)
    function done() {
      clearTimeout(t)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}
