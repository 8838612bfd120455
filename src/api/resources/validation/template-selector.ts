import { asObject, isObject, type KubeObject } from '../../types.js'
import { labelSelectorFromObject } from '../../selectors/label-selector-object.js'
import type { FieldError } from '../resource-info.js'
import { validatePodSpec } from './pod-spec.js'

/** Returns the errors of a workload's pod template and selector (required, non-empty, matching). */
export function validateTemplateSelector(
  obj: KubeObject,
  path: string,
  required: boolean
): FieldError[] {
  const spec = asObject(obj.spec)
  const errs: FieldError[] = []
  const tmpl = isObject(spec.template) ? spec.template : undefined
  errs.push(...validatePodSpec(tmpl?.spec, `${path}.template.spec`))
  if (!isObject(spec.selector)) {
    if (required)
      errs.push({
        field: `${path}.selector`,
        message: 'Required value',
        reason: 'FieldValueRequired',
      })
    return errs
  }
  const labels = asObject(asObject(tmpl?.metadata).labels) as Record<string, string>
  try {
    const sel = labelSelectorFromObject(spec.selector)
    if (sel.isEmpty())
      errs.push({
        field: `${path}.selector`,
        message: 'Invalid value: empty selector is invalid for deployment',
      })
    else if (!sel.matches(labels)) {
      errs.push({
        field: `${path}.template.metadata.labels`,
        message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``,
      })
    }
  } catch (err) {
    errs.push({ field: `${path}.selector`, message: (err as Error).message })
  }
  return errs
}
