/** Returns rows aligned as Go's text/tabwriter does (`padding` spaces after the widest cell; last column unpadded). */
export function tabWrite(rows: readonly string[][], padding: number): string {
  const widths: number[] = []
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + padding))).join(''))
    .map((l) => `${l}\n`)
    .join('')
}
