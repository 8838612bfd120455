/** The pattern apimachinery's resource.ParseQuantity reports when a quantity does not parse. */
export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'

const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
}

const DECIMAL: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
}

/**
 * Returns the value of a Kubernetes quantity (`64Gi`, `500m`, `1e3`, `8`) in base units.
 * Throws an Error with apimachinery's wording when the text is not a quantity.
 */
export function parseQuantity(text: string): number {
  const m = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(.*)$/.exec(text.trim())
  const suffix = m?.[2] ?? ''
  let scale: number | undefined = BINARY[suffix] ?? DECIMAL[suffix]
  const exp = /^[eE]([+-]?[0-9]+)$/.exec(suffix)
  if (scale === undefined && exp) scale = 10 ** Number(exp[1])
  if (!m || scale === undefined) {
    throw new Error(`quantities must match the regular expression '${QUANTITY_PATTERN}'`)
  }
  return Number(m[1]) * scale
}

/**
 * Returns a byte count as apimachinery serializes a binary-SI quantity: the largest power-of-1024
 * suffix that divides it exactly (`16Gi`, `16284Mi`), else the plain number (`154618822400`).
 */
export function formatBinarySI(bytes: number): string {
  const n = Math.floor(bytes)
  for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
    const unit = BINARY[suffix]!
    if (n !== 0 && n % unit === 0) return `${n / unit}${suffix}`
  }
  return String(n)
}

/** Returns a CPU amount as apimachinery serializes it: whole cores as `8`, else millicores. */
export function formatCpu(cores: number): string {
  return Number.isInteger(cores) ? String(cores) : `${Math.round(cores * 1000)}m`
}
