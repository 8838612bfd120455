/**
 * Tokens of a Go `text/template` source with configurable delimiters. Trim markers (`[[- ` and
 * ` -]]`) are applied here, as Go's lexer does, by trimming the neighbouring text.
 */

/** One item of the template: literal text or the tokens of one action. */
export type TemplateItem =
  { kind: 'text'; text: string; line: number } | { kind: 'action'; tokens: Token[]; line: number }

/** A token inside an action. */
export type Token =
  | { t: 'field'; path: string[] } // .A.B (path [] means the dot itself)
  | { t: 'var'; name: string; path: string[] } // $ or $x, with an optional .A.B chain
  | { t: 'ident'; name: string } // a function name or keyword
  | { t: 'string'; value: string }
  | { t: 'number'; value: number }
  | { t: 'bool'; value: boolean }
  | { t: 'nil' }
  | { t: 'lparen' }
  | { t: 'rparen'; path: string[] } // `)` optionally followed by a .A.B chain
  | { t: 'pipe' }
  | { t: 'declare' } // := or =, which this subset refuses

const SPACE = /[ \t\r\n]/
const IDENT = /[A-Za-z0-9_]/

/** Returns the items of a template source, or throws `template: <name>:<line>: …`. */
export function lexTemplate(src: string, name: string, delims: [string, string]): TemplateItem[] {
  const [left, right] = delims
  const items: TemplateItem[] = []
  let pos = 0
  let line = 1
  let trimNext = false
  const fail = (msg: string, at = line) => new Error(`template: ${name}:${at}: ${msg}`)

  while (pos < src.length) {
    const start = src.indexOf(left, pos)
    let text = src.slice(pos, start < 0 ? src.length : start)
    const textLine = line
    line += countLines(text)
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '')
    trimNext = false
    if (start < 0) {
      if (text) items.push({ kind: 'text', text, line: textLine })
      break
    }
    let p = start + left.length
    // A left trim marker is "-" followed by a space: "[[- x" trims; "[[-3]]" is a number.
    if (src[p] === '-' && SPACE.test(src[p + 1] ?? '')) {
      text = text.replace(/[ \t\r\n]+$/, '')
      p += 1
    }
    if (text) items.push({ kind: 'text', text, line: textLine })
    const actionLine = line
    const tokens: Token[] = []
    for (;;) {
      while (p < src.length && SPACE.test(src[p]!)) {
        if (src[p] === '\n') line++
        p++
      }
      if (p >= src.length) throw fail('unclosed action', actionLine)
      if (src.startsWith(right, p)) {
        p += right.length
        break
      }
      if (src[p] === '-' && src.startsWith(right, p + 1) && SPACE.test(src[p - 1] ?? '')) {
        trimNext = true
        p += 1 + right.length
        break
      }
      const [token, next] = readToken(src, p, () => fail('unexpected input in action', line))
      tokens.push(token)
      p = next
    }
    items.push({ kind: 'action', tokens, line: actionLine })
    pos = p
  }
  return items
}

/** Returns the token at `p` and the position after it. */
function readToken(src: string, p: number, fail: () => Error): [Token, number] {
  const c = src[p]!
  if (c === '(') return [{ t: 'lparen' }, p + 1]
  if (c === ')') {
    const [path, next] = readPath(src, p + 1)
    return [{ t: 'rparen', path }, next]
  }
  if (c === '|') return [{ t: 'pipe' }, p + 1]
  if (src.startsWith(':=', p)) return [{ t: 'declare' }, p + 2]
  if (c === '=') return [{ t: 'declare' }, p + 1]
  if (c === '"') return readQuoted(src, p, fail)
  if (c === '`') {
    const end = src.indexOf('`', p + 1)
    if (end < 0) throw fail()
    return [{ t: 'string', value: src.slice(p + 1, end) }, end + 1]
  }
  if (c === '.') {
    if (!IDENT.test(src[p + 1] ?? '')) return [{ t: 'field', path: [] }, p + 1]
    const [path, next] = readPath(src, p)
    return [{ t: 'field', path }, next]
  }
  if (c === '$') {
    let q = p + 1
    while (q < src.length && IDENT.test(src[q]!)) q++
    const [path, next] = readPath(src, q)
    return [{ t: 'var', name: src.slice(p, q), path }, next]
  }
  const num = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(p))
  if (num && /[0-9]/.test(c + (src[p + 1] ?? ''))) {
    return [{ t: 'number', value: Number(num[0]) }, p + num[0].length]
  }
  if (/[A-Za-z_]/.test(c)) {
    let q = p
    while (q < src.length && IDENT.test(src[q]!)) q++
    const word = src.slice(p, q)
    if (word === 'true' || word === 'false') return [{ t: 'bool', value: word === 'true' }, q]
    if (word === 'nil') return [{ t: 'nil' }, q]
    return [{ t: 'ident', name: word }, q]
  }
  throw fail()
}

/** Reads a `.A.B` chain starting at `p` (possibly empty). */
function readPath(src: string, p: number): [string[], number] {
  const path: string[] = []
  while (src[p] === '.' && IDENT.test(src[p + 1] ?? '')) {
    let q = p + 1
    while (q < src.length && IDENT.test(src[q]!)) q++
    path.push(src.slice(p + 1, q))
    p = q
  }
  return [path, p]
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '"': '"',
  '\\': '\\',
  "'": "'",
}

/** Reads a Go interpreted string literal. */
function readQuoted(src: string, p: number, fail: () => Error): [Token, number] {
  let out = ''
  let q = p + 1
  while (q < src.length && src[q] !== '"') {
    if (src[q] === '\n') throw fail()
    if (src[q] === '\\') {
      const e = ESCAPES[src[q + 1] ?? '']
      if (e === undefined) throw fail()
      out += e
      q += 2
    } else {
      out += src[q]
      q++
    }
  }
  if (q >= src.length) throw fail()
  return [{ t: 'string', value: out }, q + 1]
}

/** Returns the number of newlines in a string. */
function countLines(s: string): number {
  let n = 0
  for (const c of s) if (c === '\n') n++
  return n
}
