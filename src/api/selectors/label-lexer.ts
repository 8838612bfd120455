// The tokenizer of the label selector grammar (k8s.io/apimachinery/pkg/labels/selector.go).

/** A token kind: the operator or keyword itself, an identifier, the end of input, or an error. */
export type Token =
  | 'error'
  | 'end'
  | 'identifier'
  | ')'
  | '('
  | ','
  | '!'
  | '=='
  | '='
  | '>'
  | '<'
  | '!='
  | 'in'
  | 'notin'

/** One scanned token and the text it was read from. */
export interface ScannedItem {
  tok: Token
  literal: string
}

const LITERALS: ReadonlyMap<string, Token> = new Map<string, Token>([
  [')', ')'],
  ['(', '('],
  [',', ','],
  ['!', '!'],
  ['==', '=='],
  ['=', '='],
  ['>', '>'],
  ['<', '<'],
  ['!=', '!='],
  ['in', 'in'],
  ['notin', 'notin'],
])

const SPECIAL = new Set(['=', '!', '(', ')', ',', '>', '<'])
const WHITESPACE = new Set([' ', '\t', '\r', '\n'])

function scanIdentifierOrKeyword(s: string, start: number): [ScannedItem, number] {
  let i = start
  while (i < s.length && !SPECIAL.has(s[i]!) && !WHITESPACE.has(s[i]!)) i++
  const literal = s.slice(start, i)
  return [{ tok: LITERALS.get(literal) ?? 'identifier', literal }, i]
}

// Reads the longest run of special symbols that still forms an operator ("!=" rather than "!").
function scanSpecialSymbol(s: string, start: number): [ScannedItem, number] {
  let i = start
  let last: ScannedItem | undefined
  while (i < s.length && SPECIAL.has(s[i]!)) {
    const buffer = s.slice(start, i + 1)
    const tok = LITERALS.get(buffer)
    if (tok) last = { tok, literal: buffer }
    else if (last) break
    i++
  }
  if (!last) {
    return [{ tok: 'error', literal: `error expected: keyword found '${s.slice(start, i)}'` }, i]
  }
  return [last, start + last.literal.length]
}

/** Returns the tokens of a label selector string, always ending with an `end` token. */
export function scanLabelSelector(s: string): ScannedItem[] {
  const items: ScannedItem[] = []
  let i = 0
  for (;;) {
    while (i < s.length && WHITESPACE.has(s[i]!)) i++
    if (i >= s.length) {
      items.push({ tok: 'end', literal: '' })
      return items
    }
    const [item, next] = SPECIAL.has(s[i]!)
      ? scanSpecialSymbol(s, i)
      : scanIdentifierOrKeyword(s, i)
    items.push(item)
    i = next
  }
}
