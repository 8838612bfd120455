import { goQuote, isQualifiedName, isValidLabelValue } from './label-validation.js'

/** The label selector operators, spelled as k8s.io/apimachinery/pkg/selection spells them. */
export const Operators = {
  In: 'in',
  NotIn: 'notin',
  Equals: '=',
  DoubleEquals: '==',
  NotEquals: '!=',
  Exists: 'exists',
  DoesNotExist: '!',
  GreaterThan: 'gt',
  LessThan: 'lt',
} as const

/** A label selector operator. */
export type Operator = (typeof Operators)[keyof typeof Operators]

/** One requirement of a label selector: a key, an operator and its values. */
export interface Requirement {
  readonly key: string
  readonly operator: Operator
  readonly values: readonly string[]
}

const INT_RE = /^[+-]?\d+$/
const INT64_MIN = -(2n ** 63n)
const INT64_MAX = 2n ** 63n - 1n

/** Returns the integer a string holds as Go's strconv.ParseInt(s, 10, 64) reads it, or undefined. */
function parseInt64(s: string): bigint | undefined {
  if (!INT_RE.test(s)) return undefined
  const n = BigInt(s)
  return n < INT64_MIN || n > INT64_MAX ? undefined : n
}

/** Returns the message of an invalid label key, or undefined when the key is valid. */
export function labelKeyError(key: string): string | undefined {
  const errs = isQualifiedName(key)
  return errs.length === 0 ? undefined : `invalid label key ${goQuote(key)}: ${errs.join('; ')}`
}

/**
 * Creates a requirement after checking it as labels.NewRequirement does; throws an Error with
 * kube-apiserver's message when the key, the operator or the values are not acceptable.
 */
export function newRequirement(
  key: string,
  operator: Operator,
  values: readonly string[]
): Requirement {
  const keyErr = labelKeyError(key)
  if (keyErr) throw new Error(keyErr)
  switch (operator) {
    case Operators.In:
    case Operators.NotIn:
      if (values.length === 0)
        throw new Error("for 'in', 'notin' operators, values set can't be empty")
      break
    case Operators.Equals:
    case Operators.DoubleEquals:
    case Operators.NotEquals:
      if (values.length !== 1)
        throw new Error('exact-match compatibility requires one single value')
      break
    case Operators.Exists:
    case Operators.DoesNotExist:
      if (values.length !== 0)
        throw new Error('values set must be empty for exists and does not exist')
      break
    case Operators.GreaterThan:
    case Operators.LessThan:
      if (values.length !== 1)
        throw new Error("for 'Gt', 'Lt' operators, exactly one value is required")
      if (values.some((v) => parseInt64(v) === undefined)) {
        throw new Error("for 'Gt', 'Lt' operators, the value must be an integer")
      }
      break
    default:
      throw new Error(`operator '${String(operator)}' is not recognized`)
  }
  for (const v of values) {
    const errs = isValidLabelValue(v)
    if (errs.length > 0) {
      throw new Error(
        `invalid label value: ${goQuote(v)}: at key: ${goQuote(key)}: ${errs.join('; ')}`
      )
    }
  }
  return { key, operator, values: [...values] }
}

/** Returns true when a set of labels satisfies one requirement. */
export function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key)
  const value = has ? labels[r.key]! : ''
  switch (r.operator) {
    case Operators.In:
    case Operators.Equals:
    case Operators.DoubleEquals:
      return has && r.values.includes(value)
    case Operators.NotIn:
    case Operators.NotEquals:
      return !has || !r.values.includes(value)
    case Operators.Exists:
      return has
    case Operators.DoesNotExist:
      return !has
    case Operators.GreaterThan:
    case Operators.LessThan: {
      if (!has || r.values.length !== 1) return false
      const got = parseInt64(value)
      const want = parseInt64(r.values[0]!)
      if (got === undefined || want === undefined) return false
      return r.operator === Operators.GreaterThan ? got > want : got < want
    }
    default:
      return false
  }
}

const OPERATOR_TEXT: Record<Operator, string> = {
  in: ' in ',
  notin: ' notin ',
  '=': '=',
  '==': '==',
  '!=': '!=',
  exists: '',
  '!': '',
  gt: '>',
  lt: '<',
}

/** Returns the text form of a requirement (`app in (a,b)`, `!key`, `tier=web`). */
export function requirementToString(r: Requirement): string {
  const prefix = r.operator === Operators.DoesNotExist ? '!' : ''
  if (r.operator === Operators.Exists || r.operator === Operators.DoesNotExist)
    return prefix + r.key
  const values = r.values.length === 1 ? r.values[0]! : [...r.values].sort().join(',')
  const set = r.operator === Operators.In || r.operator === Operators.NotIn
  return `${r.key}${OPERATOR_TEXT[r.operator]}${set ? `(${values})` : values}`
}

/** A parsed label selector: an AND of requirements, sorted by key. */
export class LabelSelector {
  readonly requirements: readonly Requirement[]
  private readonly matchesNothing: boolean

  constructor(requirements: readonly Requirement[], matchesNothing = false) {
    this.requirements = [...requirements].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : 0
    )
    this.matchesNothing = matchesNothing
  }

  /** Returns a selector that matches every set of labels. */
  static everything(): LabelSelector {
    return new LabelSelector([])
  }

  /** Returns a selector that matches nothing (a nil metav1.LabelSelector). */
  static nothing(): LabelSelector {
    return new LabelSelector([], true)
  }

  /** Returns true when the labels satisfy every requirement (missing labels count as none). */
  matches(labels: Record<string, string> | undefined): boolean {
    if (this.matchesNothing) return false
    const ls = labels ?? {}
    return this.requirements.every((r) => requirementMatches(r, ls))
  }

  /** Returns true when the selector does not restrict anything. */
  isEmpty(): boolean {
    return !this.matchesNothing && this.requirements.length === 0
  }

  /** Returns the single value a key must have (`=`, `==` or a one-value `in`), if the selector pins one. */
  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key)
    if (!r || r.values.length !== 1) return undefined
    const exact: Operator[] = [Operators.Equals, Operators.DoubleEquals, Operators.In]
    return exact.includes(r.operator) ? r.values[0] : undefined
  }

  /** Returns the selector's text form, as labels.Selector.String() writes it. */
  toString(): string {
    return this.requirements.map(requirementToString).join(',')
  }
}
