import type { FaultConfig } from '../pilot/index.js'

/** What the fault filter decided for one request. */
export interface FaultDecision {
  /** Milliseconds to hold the request (0: none). */
  delayMs: number
  /** The status to abort with, when aborting. */
  abortStatus?: number
}

/**
 * The `envoy.fault` filter's decision (pure): the delay applies to `percent` % of requests, the
 * abort independently to its own `percent` %; `random` draws in [0, 1).
 */
export function decideFault(f: FaultConfig | undefined, random: () => number): FaultDecision {
  if (!f) return { delayMs: 0 }
  const delayMs = f.delay && random() * 100 < f.delay.percent ? f.delay.fixedDelayMs : 0
  const abort = f.abort && random() * 100 < f.abort.percent ? f.abort.httpStatus : undefined
  return abort === undefined ? { delayMs } : { delayMs, abortStatus: abort }
}
