import { isObject } from '../../types.js'
import type { FieldError } from '../resource-info.js'

/** Returns the errors of a pod spec at `path` (containers and init containers: names, images). */
export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  const errs: FieldError[] = []
  if (!isObject(spec))
    return [{ field: path, message: 'Required value', reason: 'FieldValueRequired' }]
  const containers = spec.containers
  if (!Array.isArray(containers) || containers.length === 0) {
    errs.push({
      field: `${path}.containers`,
      message: 'Required value',
      reason: 'FieldValueRequired',
    })
  }
  for (const key of ['containers', 'initContainers']) {
    const names = new Set<string>()
    const list = Array.isArray(spec[key]) ? spec[key] : []
    list.forEach((c, i) => {
      const f = `${path}.${key}[${i}]`
      if (!isObject(c)) return errs.push({ field: f, message: 'Invalid value: must be an object' })
      if (typeof c.name !== 'string' || !c.name)
        errs.push({ field: `${f}.name`, message: 'Required value', reason: 'FieldValueRequired' })
      else if (names.has(c.name))
        errs.push({
          field: `${f}.name`,
          message: `Duplicate value: "${c.name}"`,
          reason: 'FieldValueDuplicate',
        })
      else names.add(c.name)
      if (typeof c.image !== 'string' || !c.image)
        errs.push({ field: `${f}.image`, message: 'Required value', reason: 'FieldValueRequired' })
    })
  }
  return errs
}
