import { badRequest } from '../errors.js'

/** One term of a field selector: `field=value`, `field==value` or `field!=value`. */
export interface FieldRequirement {
  readonly field: string
  readonly operator: '=' | '==' | '!='
  readonly value: string
}

/** Returns a value with `\`, `,` and `=` escaped, as fields.EscapeValue does. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`)
}

/** A parsed field selector: an AND of terms. */
export class FieldSelector {
  readonly requirements: readonly FieldRequirement[]

  constructor(requirements: readonly FieldRequirement[]) {
    this.requirements = [...requirements]
  }

  /** Returns a selector that matches everything. */
  static everything(): FieldSelector {
    return new FieldSelector([])
  }

  /** Returns true when the fields satisfy every term (a missing field reads as ""). */
  matches(fields: Record<string, string>): boolean {
    return this.requirements.every((r) => {
      const got = Object.hasOwn(fields, r.field) ? fields[r.field]! : ''
      return r.operator === '!=' ? got !== r.value : got === r.value
    })
  }

  /** Returns true when the selector does not restrict anything. */
  isEmpty(): boolean {
    return this.requirements.length === 0
  }

  /** Returns the value a field must equal, if one `=`/`==` term pins it. */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator !== '!=')?.value
  }

  /** Returns the selector's text form (`metadata.name=x,status.phase!=Failed`). */
  toString(): string {
    return this.requirements
      .map((r) => `${r.field}${r.operator === '!=' ? '!=' : '='}${escapeFieldValue(r.value)}`)
      .join(',')
  }
}

// Splits on commas that are not escaped with a backslash; the backslashes stay in the terms.
function splitTerms(s: string): string[] {
  if (s === '') return []
  const terms: string[] = []
  let start = 0
  let inSlash = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (inSlash) inSlash = false
    else if (c === '\\') inSlash = true
    else if (c === ',') {
      terms.push(s.slice(start, i))
      start = i + 1
    }
  }
  terms.push(s.slice(start))
  return terms
}

const OPERATORS = ['!=', '==', '='] as const

// The left side has no escapes, so the first operator found is the split point.
function splitTerm(term: string): [string, FieldRequirement['operator'], string] | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of OPERATORS) {
      if (term.startsWith(op, i)) return [term.slice(0, i), op, term.slice(i + op.length)]
    }
  }
  return undefined
}

function unescapeValue(s: string): string {
  let out = ''
  let inSlash = false
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new Error(`invalid field selector: invalid escape sequence: \\${c}`)
      }
      out += c
      inSlash = false
    } else if (c === '\\') {
      inSlash = true
    } else if (c === ',' || c === '=') {
      // fields.UnescapedRune prints the rune with %v, that is as its code point number.
      throw new Error(
        `invalid field selector: unescapedRune character in value: ${c.codePointAt(0)}`
      )
    } else {
      out += c
    }
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\')
  return out
}

/**
 * Returns the selector a `fieldSelector` query parameter describes (`=`, `==`, `!=`, comma = AND,
 * `\,` `\=` `\\` escapes in values). Throws a 400 BadRequest with kube-apiserver's message for a
 * malformed selector, and `field label not supported: <field>` when `supported` rejects a field.
 */
export function parseFieldSelector(
  s: string,
  supported?: (field: string) => boolean
): FieldSelector {
  const reqs: FieldRequirement[] = []
  try {
    for (const part of splitTerms(s).sort()) {
      if (part === '') continue
      const split = splitTerm(part)
      if (!split) throw new Error(`invalid selector: '${s}'; can't understand '${part}'`)
      const [field, operator, raw] = split
      reqs.push({ field, operator, value: unescapeValue(raw) })
    }
  } catch (err) {
    throw badRequest((err as Error).message)
  }
  const unsupported = supported ? reqs.find((r) => !supported(r.field)) : undefined
  if (unsupported) throw badRequest(`field label not supported: ${unsupported.field}`)
  return new FieldSelector(reqs)
}
