import type { KubeObject } from '../api/types.js'
import type { ContainerRuntime } from './container-runtime.js'
import type { KubeletContext } from './kubelet-context.js'

/** Splits output into log lines, holding back an unfinished last line until more comes. */
function lineWriter(write: (lines: string[]) => void): {
  write(c: Buffer | string): void
  flush(): void
} {
  let pending = ''
  return {
    write(c) {
      pending += c.toString()
      const parts = pending.split('\n')
      pending = parts.pop() ?? ''
      if (parts.length) write(parts)
    },
    flush() {
      if (pending) write([pending])
      pending = ''
    },
  }
}

/**
 * Runs a started container's own command and args with the lab's shell when its image
 * behaviour says it does (busybox-like images) and it has a command or args: its output is the
 * container's log, its exit code ends the container. Returns the stop function, or undefined
 * when the image serves instead.
 */
export function runOwnCommand(
  ctx: KubeletContext,
  pod: KubeObject,
  c: ContainerRuntime,
  exit: (code: number) => void
): (() => void) | undefined {
  if (!c.behaviour.runsCommand || !ctx.exec) return undefined
  const argv = [
    ...(Array.isArray(c.spec.command) ? c.spec.command : []),
    ...(Array.isArray(c.spec.args) ? c.spec.args : []),
  ].map(String)
  // Without a command of its own the image's default process is taken to keep running (the
  // lab's tests and charts use bare busybox containers as long-lived sidecars).
  if (argv.length === 0) return undefined
  const ns = pod.metadata.namespace ?? ''
  const name = pod.metadata.name ?? ''
  const abort = new AbortController()
  const out = lineWriter((lines) => ctx.logs.append(ns, name, c.name, lines))
  const target = { namespace: ns, pod: name, container: c.name }
  // Deferred: the runtime sees the container running only after this stage has been applied.
  const timer = setTimeout(() => {
    void ctx
      .exec!.run(target, argv, { stdout: out, stderr: out, signal: abort.signal })
      .then(
        (code) => code,
        (err: unknown) => {
          out.write(`${err instanceof Error ? err.message : String(err)}\n`)
          return 128
        }
      )
      .then((code) => {
        out.flush()
        if (!abort.signal.aborted) exit(code)
      })
  }, 0)
  return () => {
    clearTimeout(timer)
    abort.abort()
  }
}
