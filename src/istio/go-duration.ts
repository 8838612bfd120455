/**
 * Go `time.Duration` parsing and printing. Istio 1.0 reads mesh-config durations with
 * `time.ParseDuration` (so "1m0s" is accepted) and the injector template prints them with
 * `Duration.String()` through `formatDuration`.
 */

const NS_PER: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
}

const PART = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/

/** Returns the nanoseconds of a Go duration string ("45s", "1m0s", "1.5h"); throws like Go. */
export function parseGoDuration(text: string): number {
  const invalid = () => new Error(`time: invalid duration "${text}"`)
  let rest = text
  let sign = 1
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1 : 1
    rest = rest.slice(1)
  }
  if (rest === '0') return 0
  if (rest === '') throw invalid()
  let total = 0
  while (rest !== '') {
    const m = PART.exec(rest)
    if (!m || m[1] === '' || m[1] === '.') {
      if (/^\d*\.?\d*$/.test(rest)) throw new Error(`time: missing unit in duration "${text}"`)
      throw invalid()
    }
    total += Number(m[1]) * NS_PER[m[2]!]!
    rest = rest.slice(m[0].length)
  }
  return sign * Math.round(total)
}

/** Returns a Go `Duration.String()` rendering of nanoseconds: "45s", "1m0s", "500ms", "0s". */
export function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s'
  const neg = ns < 0
  let n = Math.abs(Math.round(ns))
  let out: string
  if (n < 1e9) {
    // Sub-second durations use the largest unit that keeps a non-zero integer part.
    const [unit, size] = n < 1e3 ? ['ns', 1] : n < 1e6 ? ['µs', 1e3] : ['ms', 1e6]
    out = trimFraction(n, size) + unit
  } else {
    const h = Math.floor(n / 3600e9)
    n -= h * 3600e9
    const m = Math.floor(n / 60e9)
    n -= m * 60e9
    out = trimFraction(n, 1e9) + 's'
    if (h > 0 || m > 0) out = `${m}m${out}`
    if (h > 0) out = `${h}h${out}`
  }
  return neg ? `-${out}` : out
}

/** Returns `value / size` written without trailing zeros in the fraction ("1.5", "45"). */
function trimFraction(value: number, size: number): string {
  const whole = Math.floor(value / size)
  const frac = value - whole * size
  if (frac === 0) return String(whole)
  const digits = String(size).length - 1
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`
}

/** Returns a Go duration string in its canonical `Duration.String()` form ("60s" → "1m0s"). */
export function canonicalGoDuration(text: string): string {
  return formatGoDuration(parseGoDuration(text))
}
