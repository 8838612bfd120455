import type {
  AndOr,
  Command,
  CommandList,
  Pipeline,
  Redirect,
  Word,
  WordPart,
} from './shell-ast.js'

/** A syntax error, worded as busybox sh words it (`syntax error: unterminated quoted string`). */
export class ShellSyntaxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ShellSyntaxError'
  }
}

const META = new Set([';', '&', '|', '<', '>', '(', ')', '\n'])

/** Parses a script (what `sh -c` gets, or one line typed at the prompt) into its command list. */
export function parseShell(source: string): CommandList {
  const p = new Parser(source)
  const list = p.list([])
  p.skipBlanks()
  if (!p.eof()) throw new ShellSyntaxError(`syntax error: unexpected "${p.peekToken()}"`)
  return list
}

/** True when a line is incomplete (open quote, trailing `|`, `&&`, `\`): the prompt asks for more. */
export function needsMoreInput(source: string): boolean {
  try {
    parseShell(source)
    return /(\|\||&&|\||\\)\s*$/.test(source)
  } catch (err) {
    return err instanceof ShellSyntaxError && /unterminated|end of file/.test(err.message)
  }
}

class Parser {
  private s: string
  private i = 0

  constructor(s: string) {
    this.s = s
  }

  eof(): boolean {
    return this.i >= this.s.length
  }

  peekToken(): string {
    return this.s.slice(this.i, this.i + 2).trim() || 'end of file'
  }

  skipBlanks(): void {
    for (;;) {
      const c = this.s[this.i]
      if (c === ' ' || c === '\t') this.i++
      else if (c === '\\' && this.s[this.i + 1] === '\n') this.i += 2
      else if (c === '#' && (this.i === 0 || /\s/.test(this.s[this.i - 1]!))) {
        while (!this.eof() && this.s[this.i] !== '\n') this.i++
      } else return
    }
  }

  private skipSpace(): void {
    for (;;) {
      this.skipBlanks()
      if (this.s[this.i] === '\n') this.i++
      else return
    }
  }

  private startsWith(t: string): boolean {
    return this.s.startsWith(t, this.i)
  }

  /** True when the next word is one of `words` (a keyword ending a list). */
  private atWord(words: string[]): string | undefined {
    for (const w of words) {
      if (!this.startsWith(w)) continue
      const after = this.s[this.i + w.length]
      if (w === ')' || after === undefined || /[\s;&|)]/.test(after)) return w
    }
    return undefined
  }

  private keyword(w: string): void {
    this.skipSpace()
    if (!this.atWord([w]))
      throw new ShellSyntaxError(
        `syntax error: unexpected ${this.eof() ? 'end of file' : `"${this.peekToken()}"`} (expecting "${w}")`
      )
    this.i += w.length
  }

  list(stop: string[]): CommandList {
    const out: CommandList = []
    for (;;) {
      this.skipSpace()
      if (this.eof() || this.atWord(stop)) break
      const ao = this.andOr()
      out.push(ao)
      this.skipBlanks()
      if (this.startsWith(';;')) throw new ShellSyntaxError('syntax error: unexpected ";;"')
      if (this.startsWith(';') || this.startsWith('\n')) this.i++
      else if (this.startsWith('&') && !this.startsWith('&&')) {
        this.i++
        ao.background = true
      } else break
    }
    return out
  }

  private andOr(): AndOr {
    const first = this.pipeline()
    const rest: AndOr['rest'] = []
    for (;;) {
      this.skipBlanks()
      const op = this.startsWith('&&') ? '&&' : this.startsWith('||') ? '||' : undefined
      if (!op) break
      this.i += 2
      this.skipSpace()
      if (this.eof()) throw new ShellSyntaxError('syntax error: unexpected end of file')
      rest.push({ op, pipeline: this.pipeline() })
    }
    return { first, rest, background: false }
  }

  private pipeline(): Pipeline {
    this.skipBlanks()
    let negate = false
    if (this.startsWith('! ')) {
      negate = true
      this.i += 2
    }
    const commands = [this.command()]
    for (;;) {
      this.skipBlanks()
      if (!this.startsWith('|') || this.startsWith('||')) break
      this.i++
      this.skipSpace()
      if (this.eof()) throw new ShellSyntaxError('syntax error: unexpected end of file')
      commands.push(this.command())
    }
    return { negate, commands }
  }

  private command(): Command {
    this.skipBlanks()
    const compound = this.compound()
    if (compound) return compound
    if (this.startsWith('(') || this.startsWith('{ ')) {
      const subshell = this.s[this.i] === '('
      this.i++
      const body = this.list(subshell ? [')'] : ['}'])
      this.skipSpace()
      const close = subshell ? ')' : '}'
      if (!this.startsWith(close))
        throw new ShellSyntaxError('syntax error: unexpected end of file')
      this.i++
      const redirects: Redirect[] = []
      for (let r = this.redirect(); r; r = this.redirect()) redirects.push(r)
      return { type: 'group', subshell, body, redirects }
    }
    const assigns: { name: string; value: Word }[] = []
    const words: Word[] = []
    const redirects: Redirect[] = []
    for (;;) {
      this.skipBlanks()
      if (this.eof()) break
      const r = this.redirect()
      if (r) {
        redirects.push(r)
        continue
      }
      const c = this.s[this.i]!
      if (META.has(c)) break
      const m = words.length === 0 ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(this.s.slice(this.i)) : null
      if (m) {
        this.i += m[0].length
        assigns.push({ name: m[1]!, value: this.word() })
        continue
      }
      words.push(this.word())
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) {
      throw new ShellSyntaxError(`syntax error: unexpected "${this.peekToken()}"`)
    }
    return { type: 'simple', assigns, words, redirects }
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = []
    this.skipBlanks()
    for (let r = this.redirect(); r; r = this.redirect()) {
      out.push(r)
      this.skipBlanks()
    }
    return out
  }

  private compound(): Command | undefined {
    const kw = this.atWord(['for', 'if', 'while', 'until'])
    if (!kw) return undefined
    this.i += kw.length
    this.skipBlanks()
    if (kw === 'for') {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i))
      if (!m) throw new ShellSyntaxError('syntax error: bad for loop variable')
      this.i += m[0].length
      this.skipBlanks()
      const words: Word[] = []
      if (this.atWord(['in'])) {
        this.i += 2
        for (;;) {
          this.skipBlanks()
          if (this.eof() || this.s[this.i] === ';' || this.s[this.i] === '\n') break
          words.push(this.word())
        }
      }
      this.skipBlanks()
      if (this.s[this.i] === ';') this.i++
      this.keyword('do')
      const body = this.list(['done'])
      this.keyword('done')
      return { type: 'for', name: m[0], words, body, redirects: this.redirects() }
    }
    if (kw === 'if') {
      const clauses: { cond: CommandList; body: CommandList }[] = []
      let otherwise: CommandList | undefined
      for (;;) {
        const cond = this.list(['then'])
        this.keyword('then')
        const body = this.list(['elif', 'else', 'fi'])
        clauses.push({ cond, body })
        this.skipSpace()
        if (this.atWord(['elif'])) {
          this.i += 4
          continue
        }
        if (this.atWord(['else'])) {
          this.i += 4
          otherwise = this.list(['fi'])
        }
        this.keyword('fi')
        break
      }
      return {
        type: 'if',
        clauses,
        ...(otherwise ? { otherwise } : {}),
        redirects: this.redirects(),
      }
    }
    const cond = this.list(['do'])
    this.keyword('do')
    const body = this.list(['done'])
    this.keyword('done')
    return { type: 'while', until: kw === 'until', cond, body, redirects: this.redirects() }
  }

  private redirect(): Redirect | undefined {
    const m = /^(\d?)(>>|>&|<&|>|<)/.exec(this.s.slice(this.i))
    if (!m) return undefined
    const op = m[2]!
    const fd = m[1] ? Number(m[1]) : op.startsWith('<') ? 0 : 1
    this.i += m[0].length
    this.skipBlanks()
    if (this.eof() || META.has(this.s[this.i]!))
      throw new ShellSyntaxError(`syntax error: unexpected "${this.peekToken()}"`)
    const target = this.word()
    return { fd, op: op === '<&' ? '>&' : (op as Redirect['op']), target }
  }

  private word(): Word {
    const parts: WordPart[] = []
    let lit = ''
    const flush = () => {
      if (lit) parts.push({ kind: 'lit', text: lit, quoted: false })
      lit = ''
    }
    while (!this.eof()) {
      const c = this.s[this.i]!
      if (c === ' ' || c === '\t' || META.has(c)) break
      if (c === '\\') {
        if (this.s[this.i + 1] === '\n') {
          this.i += 2
          continue
        }
        flush()
        parts.push({ kind: 'lit', text: this.s[this.i + 1] ?? '', quoted: true })
        this.i += 2
      } else if (c === "'") {
        flush()
        const end = this.s.indexOf("'", this.i + 1)
        if (end < 0) throw new ShellSyntaxError('syntax error: unterminated quoted string')
        parts.push({ kind: 'lit', text: this.s.slice(this.i + 1, end), quoted: true })
        this.i = end + 1
      } else if (c === '"') {
        flush()
        this.i++
        parts.push(...this.doubleQuoted())
      } else {
        // `$` and a backquote that start no expansion are literal characters.
        const x = c === '$' || c === '`' ? this.dollar(false) : undefined
        if (x) {
          flush()
          parts.push(x)
        } else {
          lit += c
          this.i++
        }
      }
    }
    flush()
    return parts
  }

  private doubleQuoted(): WordPart[] {
    const parts: WordPart[] = []
    let lit = ''
    for (;;) {
      if (this.eof()) throw new ShellSyntaxError('syntax error: unterminated quoted string')
      const c = this.s[this.i]!
      if (c === '"') {
        this.i++
        break
      }
      if (c === '\\' && '$`"\\\n'.includes(this.s[this.i + 1] ?? '')) {
        if (this.s[this.i + 1] !== '\n') lit += this.s[this.i + 1]
        this.i += 2
      } else {
        const x = c === '$' || c === '`' ? this.dollar(true) : undefined
        if (x) {
          if (lit) parts.push({ kind: 'lit', text: lit, quoted: true })
          lit = ''
          parts.push(x)
        } else {
          lit += c
          this.i++
        }
      }
    }
    parts.push({ kind: 'lit', text: lit, quoted: true })
    return parts
  }

  /**
   * Returns the text from `open` characters past the cursor up to `close`, and moves past `close`;
   * throws `error` when `close` never comes.
   */
  private until(open: number, close: string, error: string): string {
    const end = this.s.indexOf(close, this.i + open)
    if (end < 0) throw new ShellSyntaxError(error)
    const text = this.s.slice(this.i + open, end)
    this.i = end + close.length
    return text
  }

  private dollar(quoted: boolean): WordPart | undefined {
    const rest = this.s.slice(this.i)
    if (rest.startsWith('`')) {
      const source = this.until(1, '`', 'syntax error: unterminated quoted string')
      return { kind: 'cmd', source, quoted }
    }
    if (rest.startsWith('$((')) {
      const expr = this.until(3, '))', 'syntax error: unterminated $((')
      return { kind: 'arith', expr, quoted }
    }
    if (rest.startsWith('$(')) {
      let depth = 0
      for (let j = this.i + 1; j < this.s.length; j++) {
        if (this.s[j] === '(') depth++
        else if (this.s[j] === ')' && --depth === 0) {
          const source = this.s.slice(this.i + 2, j)
          this.i = j + 1
          return { kind: 'cmd', source, quoted }
        }
      }
      throw new ShellSyntaxError('syntax error: unterminated $(')
    }
    if (rest.startsWith('${')) {
      const end = this.s.indexOf('}', this.i)
      if (end < 0) throw new ShellSyntaxError('syntax error: bad substitution')
      const body = this.s.slice(this.i + 2, end)
      this.i = end + 1
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])(?:(:?[-=+?])(.*))?$/s.exec(body)
      if (!m) throw new ShellSyntaxError(`syntax error: bad substitution`)
      const arg = m[3] !== undefined ? new Parser(m[3]).word() : undefined
      return {
        kind: 'var',
        name: m[1]!,
        quoted,
        ...(m[2] ? { op: m[2] } : {}),
        ...(arg ? { arg } : {}),
      }
    }
    const m = /^\$([A-Za-z_][A-Za-z0-9_]*|[?$#0-9])/.exec(rest)
    if (!m) return undefined
    this.i += m[0].length
    return { kind: 'var', name: m[1]!, quoted }
  }
}
