/**
 * Age formatting, as k8s.io/apimachinery/pkg/util/duration.HumanDuration and the printers'
 * translateTimestampSince do it. Go truncates every division toward zero; so does this.
 */

const SECOND = 1000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE

/** Returns a duration (milliseconds) as kube-apiserver prints ages: `5s`, `3m4s`, `5h10m`, `2d`. */
export function humanDuration(ms: number): string {
  // A clock skew of up to 2 seconds (excluded) still counts as "now".
  const seconds = Math.trunc(ms / SECOND)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 60 * 2) return `${seconds}s`
  const minutes = Math.trunc(ms / MINUTE)
  if (minutes < 10) {
    const s = seconds % 60
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`
  }
  if (minutes < 60 * 3) return `${minutes}m`
  const hours = Math.trunc(ms / HOUR)
  if (hours < 8) {
    const m = minutes % 60
    return m === 0 ? `${hours}h` : `${hours}h${m}m`
  }
  if (hours < 48) return `${hours}h`
  const days = Math.trunc(hours / 24)
  if (hours < 24 * 8) {
    const h = hours % 24
    return h === 0 ? `${days}d` : `${days}d${h}h`
  }
  if (hours < 24 * 365 * 2) return `${days}d`
  const years = Math.trunc(days / 365)
  if (hours < 24 * 365 * 8) {
    const dy = days % 365
    return dy === 0 ? `${years}y` : `${years}y${dy}d`
  }
  return `${years}y`
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i

/** Returns the time of an RFC 3339 timestamp in ms, or undefined when absent or unparsable. */
export function parseTimestamp(ts: unknown): number | undefined {
  if (typeof ts !== 'string' || !RFC3339.test(ts)) return undefined
  const t = Date.parse(ts)
  return Number.isNaN(t) ? undefined : t
}

/** Returns the age of a timestamp at `now`, or `<unknown>` when there is none (a zero time). */
export function ageSince(ts: unknown, now: Date): string {
  const t = parseTimestamp(ts)
  return t === undefined ? '<unknown>' : humanDuration(now.getTime() - t)
}

/** Returns a timestamp as Go's `t.UTC().Format(time.RFC3339)`; a missing time is Go's zero time. */
export function rfc3339(ts: unknown): string {
  const t = parseTimestamp(ts)
  if (t === undefined) return '0001-01-01T00:00:00Z'
  return new Date(Math.floor(t / SECOND) * SECOND).toISOString().replace('.000Z', 'Z')
}
