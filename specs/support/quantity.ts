// Kubernetes resource quantities (`8`, `3500m`, `16Gi`, `1e3`), read and written so that a
// configured `16Gi` and a reported `16777216Ki` compare equal.

const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
}
const DECIMAL: Record<string, number> = {
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
}

/** Returns the value of a quantity string, or NaN when it is not one. */
export function parseQuantity(text: string): number {
  const m =
    /^([+-]?(?:\d+\.?\d*|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?$/.exec(
      text.trim()
    )
  if (!m) return NaN
  const base = Number(m[1])
  if (m[2]) return base * 10 ** Number(m[2].slice(1))
  const suffix = m[3] ?? ''
  return base * (BINARY[suffix] ?? DECIMAL[suffix]!)
}

/** Returns a byte count in the largest binary unit that divides it (`16Gi`), else in bytes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'invalid'
  for (const unit of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const) {
    const size = BINARY[unit]!
    if (bytes !== 0 && bytes % size === 0) return `${bytes / size}${unit}`
  }
  return String(bytes)
}

/** Returns a CPU amount as Kubernetes writes it: whole cores (`8`) or millicores (`3500m`). */
export function formatCpu(cores: number): string {
  if (!Number.isFinite(cores)) return 'invalid'
  if (Number.isInteger(cores)) return String(cores)
  return `${Math.round(cores * 1000)}m`
}
