import { isObject, type Obj } from '../api/types.js'
import type { Clock } from '../util/index.js'
import type { ImageBehaviour } from './image-behaviours.js'

/** Probe kinds the kubelet runs. */
export type ProbeKind = 'readiness' | 'liveness'

/** A probe's timing (v1.Probe, with the API's defaults). */
export interface ProbeTiming {
  initialDelaySeconds: number
  periodSeconds: number
  successThreshold: number
  failureThreshold: number
}

/** Returns the probe of a kind from a container spec, if it has one. */
export function probeOf(spec: Obj, kind: ProbeKind): Obj | undefined {
  const p = spec[`${kind}Probe`]
  return isObject(p) ? p : undefined
}

/** Returns a probe's timing with the v1 defaults (delay 0, period 10 s, thresholds 1 and 3). */
export function probeTiming(probe: Obj): ProbeTiming {
  const n = (k: string, d: number) =>
    typeof probe[k] === 'number' && (probe[k] as number) > 0 ? (probe[k] as number) : d
  return {
    initialDelaySeconds:
      typeof probe.initialDelaySeconds === 'number' ? probe.initialDelaySeconds : 0,
    periodSeconds: n('periodSeconds', 10),
    successThreshold: n('successThreshold', 1),
    failureThreshold: n('failureThreshold', 3),
  }
}

/**
 * Returns what a probe of a simulated container answers, `sinceStartMs` after the container
 * started: it fails while the behaviour is still starting up, and when the behaviour says this
 * kind of probe fails. The output is the prober's message for the probe's handler
 * (httpGet, tcpSocket or exec), as the kubelet puts it after "Readiness probe failed: ".
 */
export function probeOutcome(
  behaviour: ImageBehaviour,
  kind: ProbeKind,
  probe: Obj,
  container: Obj,
  podIP: string,
  sinceStartMs: number
): { ok: boolean; output: string } {
  const starting = sinceStartMs < behaviour.startupSeconds * 1000
  const failing = behaviour[kind] === 'fail'
  if (!starting && !failing) return { ok: true, output: '' }
  if (isObject(probe.httpGet)) {
    const port = resolvePort(probe.httpGet.port, container)
    const path = typeof probe.httpGet.path === 'string' ? probe.httpGet.path : '/'
    const scheme = String(probe.httpGet.scheme ?? 'HTTP').toLowerCase()
    const output = starting
      ? `Get ${scheme}://${podIP}:${port}${path}: dial tcp ${podIP}:${port}: connect: connection refused`
      : 'HTTP probe failed with statuscode: 503'
    return { ok: false, output }
  }
  if (isObject(probe.tcpSocket)) {
    const port = resolvePort(probe.tcpSocket.port, container)
    return { ok: false, output: `dial tcp ${podIP}:${port}: connect: connection refused` }
  }
  return { ok: false, output: behaviour.probeOutput }
}

function resolvePort(port: unknown, container: Obj): string {
  if (typeof port === 'number') return String(port)
  const ports = Array.isArray(container.ports) ? container.ports.filter(isObject) : []
  const named = ports.find((p) => p.name === port)
  return named ? String(named.containerPort) : String(port)
}

/** Callbacks of a probe loop. */
export interface ProbeLoopHandlers {
  /** Runs one probe; returns its outcome. */
  probe(): { ok: boolean; output: string }
  /** Called with each failed probe's output (the kubelet records an Unhealthy event). */
  onFailure(output: string): void
  /** Called when the result flips after enough successes or failures in a row. */
  onResult(ok: boolean): void
}

/**
 * Starts a kubelet probe worker (prober/worker.go): the first probe after initialDelaySeconds,
 * then one every periodSeconds; the result flips after successThreshold successes or
 * failureThreshold failures in a row. `initial` is the result before any probe (readiness
 * starts failed, liveness passed). Returns stop.
 */
export function startProbeLoop(
  clock: Clock,
  timing: ProbeTiming,
  initial: boolean,
  h: ProbeLoopHandlers
): () => void {
  let result = initial
  let streak = 0
  let last: boolean | undefined
  let cancel = () => {}
  let stopped = false
  const tick = () => {
    if (stopped) return
    const { ok, output } = h.probe()
    streak = ok === last ? streak + 1 : 1
    last = ok
    if (!ok) h.onFailure(output)
    const threshold = ok ? timing.successThreshold : timing.failureThreshold
    if (ok !== result && streak >= threshold) {
      result = ok
      h.onResult(ok)
    }
    if (!stopped) cancel = clock.after(timing.periodSeconds * 1000, tick)
  }
  cancel = clock.after(timing.initialDelaySeconds * 1000, tick)
  return () => {
    stopped = true
    cancel()
  }
}
