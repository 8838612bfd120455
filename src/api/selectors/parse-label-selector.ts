import { badRequest } from '../errors.js'
import { scanLabelSelector, type ScannedItem, type Token } from './label-lexer.js'
import {
  LabelSelector,
  labelKeyError,
  newRequirement,
  Operators,
  type Operator,
  type Requirement,
} from './label-selector.js'

// In a value position the keywords `in` and `notin` are plain identifiers (`x in (in)`).
type Context = 'keyAndOperator' | 'values'

const BINARY: Partial<Record<Token, Operator>> = {
  in: Operators.In,
  notin: Operators.NotIn,
  '=': Operators.Equals,
  '==': Operators.DoubleEquals,
  '!=': Operators.NotEquals,
  '>': Operators.GreaterThan,
  '<': Operators.LessThan,
}

/** A recursive-descent parser over the scanned tokens, following labels.Parser step by step. */
class Parser {
  private readonly items: ScannedItem[]
  private pos = 0

  constructor(s: string) {
    this.items = scanLabelSelector(s)
  }

  private item(context: Context, at: number): [Token, string] {
    const it = this.items[Math.min(at, this.items.length - 1)]!
    const tok =
      context === 'values' && (it.tok === 'in' || it.tok === 'notin') ? 'identifier' : it.tok
    return [tok, it.literal]
  }

  private lookahead(context: Context): [Token, string] {
    return this.item(context, this.pos)
  }

  private consume(context: Context): [Token, string] {
    return this.item(context, this.pos++)
  }

  parse(): Requirement[] {
    const out: Requirement[] = []
    for (;;) {
      const [tok, lit] = this.lookahead('values')
      if (tok === 'end') return out
      if (tok !== 'identifier' && tok !== '!') {
        throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`)
      }
      try {
        out.push(this.parseRequirement())
      } catch (err) {
        throw new Error(`unable to parse requirement: ${(err as Error).message}`)
      }
      const [t, l] = this.consume('values')
      if (t === 'end') return out
      if (t !== ',') throw new Error(`found '${l}', expected: ',' or 'end of string'`)
      const [t2, l2] = this.lookahead('values')
      if (t2 !== 'identifier' && t2 !== '!')
        throw new Error(`found '${l2}', expected: identifier after ','`)
    }
  }

  private parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator()
    if (inferred) return newRequirement(key, inferred, [])
    const operator = this.parseOperator()
    const values =
      operator === Operators.In || operator === Operators.NotIn
        ? this.parseValues()
        : this.parseExactValue()
    return newRequirement(key, operator, [...values].sort())
  }

  private parseKeyAndInferOperator(): [string, Operator | undefined] {
    let operator: Operator | undefined
    let [tok, literal] = this.consume('values')
    if (tok === '!') {
      operator = Operators.DoesNotExist
      ;[tok, literal] = this.consume('values')
    }
    if (tok !== 'identifier') throw new Error(`found '${literal}', expected: identifier`)
    const keyErr = labelKeyError(literal)
    if (keyErr) throw new Error(keyErr)
    const [next] = this.lookahead('values')
    if ((next === 'end' || next === ',') && operator === undefined) operator = Operators.Exists
    return [literal, operator]
  }

  private parseOperator(): Operator {
    const [tok, lit] = this.consume('keyAndOperator')
    const op = BINARY[tok]
    if (!op) throw new Error(`found '${lit}', expected: '=', '!=', '==', 'in', notin'`)
    return op
  }

  private parseValues(): Set<string> {
    const [tok, lit] = this.consume('values')
    if (tok !== '(') throw new Error(`found '${lit}' expected: '('`)
    const [next, nextLit] = this.lookahead('values')
    if (next === ')') {
      this.consume('values')
      return new Set([''])
    }
    if (next !== 'identifier' && next !== ',') {
      throw new Error(`found '${nextLit}', expected: ',', ')' or identifier`)
    }
    const values = this.parseIdentifiersList()
    // labels.Parser reports the token seen before the list here, not the offending one.
    if (this.consume('values')[0] !== ')') throw new Error(`found '${nextLit}', expected: ')'`)
    return values
  }

  // A comma-separated list in which empty entries stand for the empty value: (a,,b), (,a), (a,).
  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>()
    for (;;) {
      const [tok, lit] = this.consume('values')
      if (tok === 'identifier') {
        values.add(lit)
        const [t2, l2] = this.lookahead('values')
        if (t2 === ',') continue
        if (t2 === ')') return values
        throw new Error(`found '${l2}', expected: ',' or ')'`)
      }
      if (tok !== ',') throw new Error(`found '${lit}', expected: ',', or identifier`)
      if (values.size === 0) values.add('')
      const [t2] = this.lookahead('values')
      if (t2 === ')') {
        values.add('')
        return values
      }
      if (t2 === ',') values.add('')
    }
  }

  private parseExactValue(): Set<string> {
    const [next] = this.lookahead('values')
    if (next === 'end' || next === ',') return new Set([''])
    const [tok, lit] = this.consume('values')
    if (tok === 'identifier') return new Set([lit])
    throw new Error(`found '${lit}', expected: identifier`)
  }
}

/**
 * Returns the selector a `labelSelector` query parameter describes (`=`, `==`, `!=`, `in`, `notin`,
 * `key`, `!key`, `>`, `<`; comma means AND). Throws a 400 BadRequest with kube-apiserver's message,
 * e.g. `unable to parse requirement: found '', expected: identifier`.
 */
export function parseLabelSelector(s: string): LabelSelector {
  try {
    return new LabelSelector(new Parser(s).parse())
  } catch (err) {
    throw badRequest((err as Error).message)
  }
}
