import { badRequest } from '../errors.js'
import {
  LabelSelector,
  newRequirement,
  Operators,
  type Operator,
  type Requirement,
} from './label-selector.js'

/** One `matchExpressions` entry of a metav1.LabelSelector. */
export interface LabelSelectorRequirementObject {
  key: string
  operator: string
  values?: string[]
}

/** A metav1.LabelSelector as objects carry it (`spec.selector` of a Deployment). */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>
  matchExpressions?: LabelSelectorRequirementObject[]
}

const OPERATOR_OF: Record<string, Operator> = {
  In: Operators.In,
  NotIn: Operators.NotIn,
  Exists: Operators.Exists,
  DoesNotExist: Operators.DoesNotExist,
}

/**
 * Returns the selector a metav1.LabelSelector stands for, as metav1.LabelSelectorAsSelector does:
 * a missing selector matches nothing, an empty one matches everything. Throws a 400 BadRequest
 * for an unknown operator or an invalid key or value.
 */
export function labelSelectorFromObject(
  sel: LabelSelectorObject | null | undefined
): LabelSelector {
  if (sel === null || sel === undefined) return LabelSelector.nothing()
  const reqs: Requirement[] = []
  try {
    for (const [key, value] of Object.entries(sel.matchLabels ?? {})) {
      reqs.push(newRequirement(key, Operators.Equals, [value]))
    }
    for (const expr of sel.matchExpressions ?? []) {
      const op = Object.hasOwn(OPERATOR_OF, expr.operator) ? OPERATOR_OF[expr.operator] : undefined
      if (!op)
        throw new Error(`${JSON.stringify(expr.operator)} is not a valid pod selector operator`)
      reqs.push(newRequirement(expr.key, op, expr.values ?? []))
    }
  } catch (err) {
    throw badRequest((err as Error).message)
  }
  return new LabelSelector(reqs)
}

/**
 * Returns a metav1.LabelSelector as text, as metav1.FormatLabelSelector does: `<none>` when it
 * selects nothing or everything, `<error>` when it is invalid.
 */
export function selectorToString(sel: LabelSelectorObject | null | undefined): string {
  let text: string
  try {
    text = labelSelectorFromObject(sel).toString()
  } catch {
    // FormatLabelSelector prints invalid selectors as "<error>" rather than failing.
    return '<error>'
  }
  return text === '' ? '<none>' : text
}
