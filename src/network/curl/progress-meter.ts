const KB = 1024
const MB = 1024 * KB

/** Formats a byte count in 5 columns as curl's `max5data` does (`  612`, ` 597k`, `1.5M`). */
export function max5(n: number): string {
  const b = Math.max(0, Math.floor(n))
  if (b < 100_000) return String(b).padStart(5)
  if (b < 10_000 * KB) return `${String(Math.floor(b / KB)).padStart(4)}k`
  if (b < 100 * MB)
    return `${String(Math.floor(b / MB)).padStart(2)}.${String(Math.floor((b % MB) / (MB / 10)))}M`
  return `${String(Math.floor(b / MB)).padStart(4)}M`
}

function hms(seconds: number): string {
  if (seconds < 1) return '--:--:--'
  const s = Math.floor(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

/** curl's progress meter header (two lines). */
export const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n'

/**
 * Returns one progress meter line (without the leading `\r`): `total` bytes expected, `got`
 * received, `sent` uploaded, after `seconds`.
 */
export function meterLine(total: number, got: number, sent: number, seconds: number): string {
  const pct = (a: number, b: number) => String(b > 0 ? Math.floor((100 * a) / b) : 0).padStart(3)
  const speed = seconds > 0 ? got / seconds : got > 0 ? got * 1000 : 0
  const up = seconds > 0 ? sent / seconds : sent > 0 ? sent * 1000 : 0
  const spent = hms(seconds)
  return (
    `${pct(got, total)} ${max5(total)}  ${pct(got, total)} ${max5(got)}  ${pct(sent, sent)} ${max5(sent)}  ` +
    `${max5(speed)}  ${max5(up)} ${spent} ${spent} --:--:-- ${max5(speed)}`
  )
}
