/**
 * Go's `fmt.Sprint(float64)` / `strconv.FormatFloat(f, 'g', -1, 64)`: the shortest digits that
 * round-trip, in exponent form when the decimal exponent is < -4 or >= 6 ("1e+06"), as
 * client_golang writes sample values and `le` bounds.
 */

/** Formats a number the way Go prints a float64 with `%v`. */
export function goFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (v === Infinity) return '+Inf'
  if (v === -Infinity) return '-Inf'
  if (v === 0) return Object.is(v, -0) ? '-0' : '0'
  const [mantissa, expText] = v.toExponential().split('e') as [string, string]
  const exp = Number(expText)
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+'
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`
  }
  // Between 1e-4 and 1e6 JavaScript already prints the plain shortest decimal.
  return String(v)
}
