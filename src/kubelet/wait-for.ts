import { isObject, type KubeObject } from '../api/types.js'
import type { WaitForSpec } from './image-behaviours.js'

/** What a `wait-for` container was asked to do. */
export interface WaitForArgs {
  /** Container names to wait for, in order. */
  names: string[]
  timeoutMinutes: number
}

/**
 * Returns the names and timeout a readiness-check container gets from its command and args
 * (`/root/ready.py --container-name msb-consul -c other -t 5`, getopt style: `--flag value`,
 * `--flag=value`, `-cvalue`).
 */
export function parseWaitForArgs(argv: readonly string[], spec: WaitForSpec): WaitForArgs {
  const names: string[] = []
  let timeoutMinutes = spec.timeoutMinutes
  const take = (
    flags: string[],
    arg: string,
    next: string | undefined
  ): { value?: string; used: number } => {
    for (const f of flags) {
      if (arg === f) return { value: next, used: 2 }
      if (f.startsWith('--') && arg.startsWith(`${f}=`))
        return { value: arg.slice(f.length + 1), used: 1 }
      if (!f.startsWith('--') && arg.startsWith(f) && arg.length > f.length)
        return { value: arg.slice(f.length), used: 1 }
    }
    return { used: 0 }
  }
  for (let i = 0; i < argv.length;) {
    const name = take(spec.nameFlags, argv[i]!, argv[i + 1])
    if (name.used) {
      if (name.value !== undefined) names.push(name.value)
      i += name.used
      continue
    }
    const timeout = take(spec.timeoutFlags, argv[i]!, argv[i + 1])
    if (timeout.used) {
      const t = Number(timeout.value)
      if (Number.isFinite(t)) timeoutMinutes = t
      i += timeout.used
      continue
    }
    i++
  }
  return { names, timeoutMinutes }
}

/** Returns a container spec's command followed by its args. */
export function commandLine(container: Record<string, unknown>): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : [])
  return [...list(container.command), ...list(container.args)]
}

/**
 * Returns whether a container name is ready among a namespace's pods, as ready.py decides it:
 * every container status with that name is looked at in list order and the last one wins;
 * no such container means not ready.
 */
export function containerNameReady(pods: readonly KubeObject[], name: string): boolean {
  let ready = false
  for (const pod of pods) {
    const statuses =
      isObject(pod.status) && Array.isArray(pod.status.containerStatuses)
        ? pod.status.containerStatuses
        : []
    for (const s of statuses) if (isObject(s) && s.name === name) ready = s.ready === true
  }
  return ready
}

/** Returns a time as Python's logging prints `%(asctime)s` (`2018-11-24 00:00:05,000`), in UTC. */
export function pythonAsctime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('.', ',').replace('Z', '')
}
