import type { KubeObject } from '../api/types.js'
import { podsRef } from '../client/index.js'
import type { ContainerRuntime } from './container-runtime.js'
import type { KubeletContext } from './kubelet-context.js'
import { probeOf, probeOutcome, probeTiming, startProbeLoop, type ProbeKind } from './probes.js'
import { commandLine, containerNameReady, parseWaitForArgs, pythonAsctime } from './wait-for.js'

/** What the loops of a running container need from its pod worker. */
export interface LoopHost {
  ctx: KubeletContext
  pod(): KubeObject
  podIP(): string
  event(c: ContainerRuntime, type: 'Normal' | 'Warning', reason: string, message: string): void
  setReady(c: ContainerRuntime, ready: boolean): void
  /** The liveness probe failed: the container is to be killed and restarted. */
  unhealthy(c: ContainerRuntime): void
  /** The container exits on its own with a code. */
  exit(c: ContainerRuntime, code: number): void
}

const LIVENESS_KILL =
  'Killing container with id docker://{{c}}:Container failed liveness probe.. Container will be killed and recreated.'

/** Starts what runs beside a started container: its probes and, for `wait-for`, its polling. Returns the stop functions. */
export function startContainerLoops(host: LoopHost, c: ContainerRuntime): (() => void)[] {
  const stops: (() => void)[] = []
  const startedAt = host.ctx.clock.simMs()
  for (const kind of ['readiness', 'liveness'] as ProbeKind[]) {
    const probe = c.init ? undefined : probeOf(c.spec, kind)
    if (!probe) continue
    const label = kind === 'readiness' ? 'Readiness' : 'Liveness'
    stops.push(
      startProbeLoop(host.ctx.clock, probeTiming(probe), kind === 'liveness', {
        probe: () =>
          probeOutcome(
            c.behaviour,
            kind,
            probe,
            c.spec,
            host.podIP(),
            host.ctx.clock.simMs() - startedAt
          ),
        onFailure: (output) =>
          host.event(c, 'Warning', 'Unhealthy', `${label} probe failed: ${output}`),
        onResult: (ok) => {
          if (kind === 'readiness') return host.setReady(c, ok)
          if (ok) return
          host.event(c, 'Normal', 'Killing', LIVENESS_KILL.replace('{{c}}', c.name))
          host.unhealthy(c)
        },
      })
    )
  }
  if (c.behaviour.action === 'wait-for') stops.push(startWaitFor(host, c))
  return stops
}

/**
 * Runs OOM's readiness-check (ready.py) in a container: checks each named container in turn,
 * polling the namespace's pods every pollSeconds, logs as ready.py does, and exits 0 when all
 * are ready, 1 on timeout, 2 without names.
 */
function startWaitFor(host: LoopHost, c: ContainerRuntime): () => void {
  const { ctx } = host
  const spec = c.behaviour.waitFor!
  const pod = host.pod()
  const ns = pod.metadata.namespace ?? ''
  const log = (level: string, text: string) =>
    ctx.logs.append(ns, pod.metadata.name ?? '', c.name, [
      `${pythonAsctime(ctx.clock.now())} - ${level} - ${text}`,
    ])
  const args = parseWaitForArgs(commandLine(c.spec), spec)
  let stopped = false
  let cancel = () => {}
  if (args.names.length === 0) {
    ctx.logs.append(ns, pod.metadata.name ?? '', c.name, [
      'Missing required input parameter(s)',
      '',
    ])
    cancel = ctx.clock.after(0, () => host.exit(c, 2))
    return () => cancel()
  }
  const deadline = ctx.clock.simMs() + args.timeoutMinutes * 60_000
  let index = 0
  const check = async () => {
    const name = args.names[index]!
    log('INFO', `Checking if ${name}  is ready`)
    try {
      const pods = await ctx.client.list(podsRef, { namespace: ns })
      if (stopped) return
      const ready = containerNameReady(pods.items, name)
      log('INFO', ready ? `${name} is ready!` : `${name} is not ready.`)
      if (ready) {
        index++
        if (index === args.names.length) return host.exit(c, 0)
        return void check()
      }
    } catch (err) {
      if (stopped) return
      log(
        'ERROR',
        `Exception when calling list_namespaced_pod: ${err instanceof Error ? err.message : String(err)}\n`
      )
    }
    if (ctx.clock.simMs() > deadline) {
      log('WARNING', `timed out waiting for '${name}' to be ready`)
      return host.exit(c, 1)
    }
    cancel = ctx.clock.after(spec.pollSeconds * 1000, () => void check())
  }
  void check()
  return () => {
    stopped = true
    cancel()
  }
}
