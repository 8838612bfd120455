import { AssertionError } from 'node:assert'

/** A cell of an expected row that is not a plain value: a rule the actual value must satisfy. */
export interface Matcher {
  /** How the rule reads in the table (`<=3`, `n/n`). */
  readonly text: string
  test(actual: string): boolean
}

/** An expected cell: a value the actual cell must equal, or a Matcher. */
export type Cell = string | Matcher

/** An expected row, by column. */
export type ExpectedRow = Readonly<Record<string, Cell>>

/** An actual row, by column. */
export type ActualRow = Readonly<Record<string, string>>

/** What is wrong with one row. */
export interface RowDiff {
  kind: 'missing' | 'extra' | 'differs'
  /** The row's key (key columns joined by `/`). */
  key: string
  expected?: ExpectedRow
  actual?: ActualRow
  /** The columns whose cells differ (kind `differs`). */
  columns: string[]
}

/** The result of comparing two tables. */
export interface TableDiff {
  rows: RowDiff[]
  /** Expected rows found and equal. */
  matched: number
  /** Expected rows in all. */
  expected: number
}

/** Options of diffRows and diffTable. */
export interface TableDiffOptions {
  /** `ignore`: actual rows no expected row asks for are not an error. Default `fail`. */
  extra?: 'fail' | 'ignore'
}

/** Returns the value of a row's key columns joined by `/`. */
export function rowKey(
  row: Readonly<Record<string, Cell>>,
  key: string | readonly string[]
): string {
  return (typeof key === 'string' ? [key] : key).map((k) => cellText(row[k])).join('/')
}

/** Returns whether an actual cell satisfies an expected one. */
export function cellMatches(expected: Cell | undefined, actual: string | undefined): boolean {
  if (expected === undefined) return true
  if (typeof expected === 'string') return expected === actual
  return actual !== undefined && expected.test(actual)
}

/**
 * Returns the rows that are missing, extra or differ between an expected and an actual table.
 * Rows pair up by key; a second actual row with a key already paired counts as extra.
 */
export function diffRows(
  columns: readonly string[],
  expected: readonly ExpectedRow[],
  actual: readonly ActualRow[],
  key: string | readonly string[],
  opts: TableDiffOptions = {}
): TableDiff {
  const byKey = new Map<string, ActualRow[]>()
  for (const row of actual) {
    const k = rowKey(row, key)
    byKey.set(k, [...(byKey.get(k) ?? []), row])
  }
  const rows: RowDiff[] = []
  const seen = new Set<string>()
  let matched = 0
  for (const want of expected) {
    const k = rowKey(want, key)
    if (seen.has(k)) throw new Error(`expected rows repeat the key ${JSON.stringify(k)}`)
    seen.add(k)
    const got = byKey.get(k)?.shift()
    if (!got) {
      rows.push({ kind: 'missing', key: k, expected: want, columns: [] })
      continue
    }
    const differing = columns.filter((c) => !cellMatches(want[c], got[c]))
    if (differing.length === 0) matched++
    else rows.push({ kind: 'differs', key: k, expected: want, actual: got, columns: differing })
  }
  if (opts.extra !== 'ignore') {
    for (const row of actual) {
      const k = rowKey(row, key)
      if (byKey.get(k)?.includes(row))
        rows.push({ kind: 'extra', key: k, actual: row, columns: [] })
    }
  }
  return { rows, matched, expected: expected.length }
}

/**
 * Returns a fixed-width table of the wrong rows: `missing` (expected, absent), `extra` (present,
 * not expected), and for each differing row an `expected` line over an `actual` line whose
 * differing cells are marked with `*`.
 */
export function formatTableDiff(
  title: string,
  columns: readonly string[],
  diff: TableDiff
): string {
  const counts = (['missing', 'extra', 'differs'] as const)
    .map((kind) => [kind, diff.rows.filter((r) => r.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind === 'differs' ? 'differing' : kind}`)
  const lines: string[][] = [['ROW', ...columns]]
  for (const r of diff.rows) {
    if (r.kind === 'missing')
      lines.push(['missing', ...columns.map((c) => cellText(r.expected?.[c]))])
    if (r.kind === 'extra') lines.push(['extra', ...columns.map((c) => cellText(r.actual?.[c]))])
    if (r.kind === 'differs') {
      lines.push(['expected', ...columns.map((c) => cellText(r.expected?.[c]))])
      lines.push([
        'actual',
        ...columns.map((c) => cellText(r.actual?.[c]) + (r.columns.includes(c) ? ' *' : '')),
      ])
    }
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)))
  const body = lines.map(
    (l) =>
      '  ' +
      l
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd()
  )
  const summary = `${counts.join(', ')}; ${diff.matched} of ${diff.expected} expected rows match`
  const legend = diff.rows.some((r) => r.kind === 'differs')
    ? ['  (* marks an actual cell that differs)']
    : []
  return [`${title}: ${summary}`, ...body, ...legend].join('\n')
}

/** An assertion failure whose message is a table of the wrong rows. */
export class TableMismatchError extends AssertionError {
  /** The wrong rows, for tests that inspect them. */
  readonly diff: TableDiff

  constructor(message: string, diff: TableDiff) {
    super({ message })
    this.name = 'AssertionError'
    this.diff = diff
    // The table says what is wrong and the test title which check found it: a stack of the
    // diff helpers' frames would only push the table off the screen.
    this.stack = `${this.name}: ${message}`
  }
}

/**
 * Compares an expected with an actual table, rows paired by `key`, and throws a
 * TableMismatchError whose message is the table of missing, extra and differing rows.
 */
export function diffTable(
  title: string,
  columns: readonly string[],
  expected: readonly ExpectedRow[],
  actual: readonly ActualRow[],
  key: string | readonly string[],
  opts: TableDiffOptions = {}
): void {
  const diff = diffRows(columns, expected, actual, key, opts)
  if (diff.rows.length > 0) {
    throw new TableMismatchError(formatTableDiff(title, columns, diff), diff)
  }
}

/** Returns how a cell reads in a table. */
export function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '-'
  if (typeof cell === 'string') return cell === '' ? '""' : cell
  return cell.text
}

/** Returns a Matcher accepting any value. */
export function anyValue(): Matcher {
  return { text: '*', test: () => true }
}

/** Returns a Matcher accepting integers up to `limit`. */
export function atMost(limit: number): Matcher {
  return { text: `<=${limit}`, test: (a) => /^\d+$/.test(a) && Number(a) <= limit }
}

/** Returns a Matcher accepting any of `values`. */
export function oneOf(...values: string[]): Matcher {
  return { text: values.join('|'), test: (a) => values.includes(a) }
}

/** Returns a Matcher accepting `n/n` for some n >= 1 (all of at least one ready). */
export function allOfAtLeastOne(): Matcher {
  return {
    text: 'n/n (n>=1)',
    test: (a) => {
      const m = /^(\d+)\/(\d+)$/.exec(a)
      return m !== null && m[1] === m[2] && Number(m[2]) >= 1
    },
  }
}
