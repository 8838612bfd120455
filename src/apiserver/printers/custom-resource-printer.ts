import type { PrinterColumn } from '../../api/resources/index.js'
import {
  ageSince,
  column,
  nameColumn,
  parseTimestamp,
  type Printer,
  type TableCell,
} from '../../api/printers/index.js'
import { parseJsonPath } from './json-path.js'
import type { JsonPath } from './json-path.js'

/** The column apiextensions serves for a CRD version that declares no printer columns. */
const DEFAULT_COLUMNS: PrinterColumn[] = [
  {
    name: 'Age',
    type: 'date',
    description: 'Time elapsed since the server created the object (metadata.creationTimestamp).',
    jsonPath: '.metadata.creationTimestamp',
  },
]

/**
 * Returns the printer of a custom resource (apiextensions' table convertor): `Name`, then the
 * CRD's additionalPrinterColumns; a CRD version with no columns gets an `Age` column.
 */
export function newCustomResourcePrinter(printerColumns: PrinterColumn[]): Printer {
  const defs = printerColumns.length > 0 ? printerColumns : DEFAULT_COLUMNS
  const paths: (JsonPath | undefined)[] = defs.map((c) => {
    try {
      return parseJsonPath(c.jsonPath)
    } catch {
      // An unparsable path yields empty cells, as the upstream convertor leaves them nil.
      return undefined
    }
  })
  return {
    columns: [
      nameColumn(),
      ...defs.map((c) =>
        column(
          c.name,
          c.type,
          c.description || `Custom resource definition column (in JSONPath format): ${c.jsonPath}`,
          {
            priority: c.priority ?? 0,
            format: c.format ?? '',
          }
        )
      ),
    ],
    cells: (obj, ctx) => [
      obj.metadata.name ?? '',
      ...defs.map((c, i) => {
        const found = paths[i]?.find(obj) ?? []
        return found.length === 0 ? null : cellFor(c.type, found[0], ctx.now)
      }),
    ],
  }
}

/** Returns the cell of a custom column for the first value its JSONPath found. */
function cellFor(type: string, value: unknown, now: Date): TableCell {
  switch (type) {
    case 'string':
      return printResult(value)
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null
    case 'number':
      return typeof value === 'number' ? value : null
    case 'boolean':
      return typeof value === 'boolean' ? value : null
    case 'date':
      if (typeof value !== 'string') return null
      if (value === '' || value === 'null') return '<unknown>'
      return parseTimestamp(value) === undefined ? '<invalid>' : ageSince(value, now)
    default:
      return null
  }
}

/** Returns a value as client-go's JSONPath PrintResults writes it: maps and lists as JSON. */
function printResult(value: unknown): string {
  if (value === null || value === undefined) return '<no value>'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return goFloat(value)
  if (typeof value === 'boolean') return String(value)
  return goJson(value)
}

/**
 * Returns a JSON number as client-go prints it: integral values were decoded as int64 and print
 * plainly; others are float64 printed with `%v` (shortest form, exponent below 1e-4 or from 1e6).
 */
function goFloat(n: number): string {
  if (Number.isInteger(n)) return String(n)
  const exp = Math.floor(Math.log10(Math.abs(n)))
  if (exp < -4 || exp >= 6) {
    const [mantissa, e] = n.toExponential().split('e')
    const sign = e.startsWith('-') ? '-' : '+'
    const digits = e.replace(/^[+-]/, '').padStart(2, '0')
    return `${mantissa}e${sign}${digits}`
  }
  return String(n)
}

/** Returns JSON as Go's encoding/json writes it: map keys sorted, HTML characters escaped. */
function goJson(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted)
    if (typeof v === 'object' && v !== null) {
      const rec = v as Record<string, unknown>
      return Object.fromEntries(
        Object.keys(rec)
          .sort()
          .map((k) => [k, sorted(rec[k])])
      )
    }
    return v
  }
  return JSON.stringify(sorted(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
}
