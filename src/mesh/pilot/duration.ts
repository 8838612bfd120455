import { parseGoDuration } from '../../istio/index.js'

/**
 * Returns a duration field in milliseconds, or undefined when absent or unreadable. Istio 1.0
 * reads durations with jsonpb, which accepts Go duration strings (`10s`, `1m`, `0.5s`, `250ms`).
 */
export function durationMs(text: string | undefined): number | undefined {
  if (text === undefined || text === null) return undefined
  try {
    return parseGoDuration(String(text)) / 1e6
  } catch {
    // Validation refuses unreadable durations at admission; Pilot ignores what slipped through.
    return undefined
  }
}
