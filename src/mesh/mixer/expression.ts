/**
 * A small evaluator for the Mixer expression language (CEXL) as the 1.0 samples use it: attribute
 * names with map indexing (`request.headers["x-user"]`), string/number/bool literals, the
 * fallback operator `|`, `==`, `!=`, `!`, `&&`, `||`, parentheses and the functions `match`,
 * `startsWith`, `endsWith`. A missing attribute evaluates to undefined.
 */

/** A Mixer attribute bag. */
export type AttributeBag = Record<string, unknown>

type Tok = { t: 'str' | 'num' | 'id' | 'op'; v: string }

function tokenize(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '"' || c === "'") {
      let j = i + 1
      let s = ''
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\') j++
        s += src[j] ?? ''
        j++
      }
      out.push({ t: 'str', v: s })
      i = j + 1
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9.]+/.exec(src.slice(i))![0]
      out.push({ t: 'num', v: m })
      i += m.length
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i))![0]
      out.push({ t: 'id', v: m })
      i += m.length
    } else {
      const two = src.slice(i, i + 2)
      if (['==', '!=', '&&', '||'].includes(two)) {
        out.push({ t: 'op', v: two })
        i += 2
      } else if ('|!()[],'.includes(c)) {
        out.push({ t: 'op', v: c })
        i++
      } else {
        throw new Error(`failed to parse expression "${src}": unexpected "${c}" at ${i}`)
      }
    }
  }
  return out
}

type Node = (bag: AttributeBag) => unknown

function glob(v: unknown, pat: unknown): boolean {
  if (typeof v !== 'string' || typeof pat !== 'string') return false
  if (pat.endsWith('*')) return v.startsWith(pat.slice(0, -1))
  if (pat.startsWith('*')) return v.endsWith(pat.slice(1))
  return v === pat
}

const FUNCS: Record<string, (a: unknown[]) => unknown> = {
  match: ([v, p]) => glob(v, p),
  startsWith: ([v, p]) => typeof v === 'string' && typeof p === 'string' && v.startsWith(p),
  endsWith: ([v, p]) => typeof v === 'string' && typeof p === 'string' && v.endsWith(p),
}

// Rules and instances are evaluated on every request: each expression is parsed once.
const compiled = new Map<string, Node>()
const MAX_COMPILED = 4096

/** Compiles an expression (once per text); throws `failed to parse expression …` on bad syntax. */
export function compileExpression(src: string): Node {
  let node = compiled.get(src)
  if (node) return node
  node = parse(src)
  if (compiled.size >= MAX_COMPILED) compiled.clear()
  compiled.set(src, node)
  return node
}

function parse(src: string): Node {
  const toks = tokenize(src)
  let pos = 0
  const peek = () => toks[pos]
  const eat = (v?: string): Tok => {
    const t = toks[pos]
    if (!t || (v !== undefined && t.v !== v))
      throw new Error(`failed to parse expression "${src}": expected ${v ?? 'a term'}`)
    pos++
    return t
  }
  const binary =
    (next: () => Node, ops: string[], f: (op: string, a: Node, b: Node) => Node) => () => {
      let left = next()
      while (peek()?.t === 'op' && ops.includes(peek()!.v)) {
        const op = eat().v
        left = f(op, left, next())
      }
      return left
    }
  const primary = (): Node => {
    const t = eat()
    if (t.t === 'str') return () => t.v
    if (t.t === 'num') return () => Number(t.v)
    if (t.t === 'op' && t.v === '(') {
      const e = or()
      eat(')')
      return e
    }
    if (t.t === 'op' && t.v === '!') {
      const e = primary()
      return (b) => !e(b)
    }
    if (t.t !== 'id') throw new Error(`failed to parse expression "${src}": unexpected "${t.v}"`)
    if (t.v === 'true' || t.v === 'false') return () => t.v === 'true'
    if (peek()?.v === '(') {
      eat('(')
      const args: Node[] = []
      while (peek()?.v !== ')') {
        args.push(or())
        if (peek()?.v === ',') eat(',')
      }
      eat(')')
      const fn = FUNCS[t.v]
      if (!fn) throw new Error(`failed to parse expression "${src}": unknown function ${t.v}`)
      return (b) => fn(args.map((a) => a(b)))
    }
    if (peek()?.v === '[') {
      eat('[')
      const key = or()
      eat(']')
      return (b) => {
        const m = b[t.v] as Record<string, unknown> | undefined
        return m?.[String(key(b))]
      }
    }
    return (b) => b[t.v]
  }
  const fallback = binary(primary, ['|'], (_op, a, b) => (bag) => a(bag) ?? b(bag))
  const cmp = binary(
    fallback,
    ['==', '!='],
    (op, a, b) => (bag) => (op === '==' ? a(bag) === b(bag) : a(bag) !== b(bag))
  )
  const and = binary(cmp, ['&&'], (_op, a, b) => (bag) => Boolean(a(bag)) && Boolean(b(bag)))
  const or = binary(and, ['||'], (_op, a, b) => (bag) => Boolean(a(bag)) || Boolean(b(bag)))
  const e = or()
  if (pos !== toks.length) throw new Error(`failed to parse expression "${src}": trailing input`)
  return e
}

/** Evaluates an expression against a bag (undefined when it names missing attributes). */
export function evaluate(src: string, bag: AttributeBag): unknown {
  return compileExpression(src)(bag)
}
