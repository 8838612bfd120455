import { apiVersionOf, type KubeObject, type Obj } from '../../types.js'
import type { FieldError, ResourceInfo, ResourceStrategy } from '../resource-info.js'
import { validateTemplateSelector } from '../validation/template-selector.js'
import { statusStrategy } from './status-strategy.js'

/**
 * Returns the strategy of a pod-template workload (Deployment, ReplicaSet, DaemonSet, StatefulSet):
 * its version's defaults, a required selector matching the template, and, in apps/v1, an
 * immutable selector; in the versions before apps/v1, a delete orphans dependents by default.
 */
export function workloadStrategy(
  defaults: (obj: Obj, apiVersion: string) => void,
  initialStatus?: () => Obj
): ResourceStrategy {
  return statusStrategy(
    (o, info) => defaults(o, apiVersionOf(info.group, info.version)),
    initialStatus,
    {
      validate: (obj, info, old) => validateWorkload(obj, info, old),
      // For backward compatibility, the pre-apps/v1 versions orphan dependents by default.
      orphanByDefaultIn: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'],
    }
  )
}

function validateWorkload(obj: KubeObject, info: ResourceInfo, old?: KubeObject): FieldError[] {
  const errs = validateTemplateSelector(obj, 'spec', true)
  if (old && info.group === 'apps' && info.version === 'v1') {
    const a = JSON.stringify((old.spec as Obj | undefined)?.selector)
    const b = JSON.stringify((obj.spec as Obj | undefined)?.selector)
    if (a !== b)
      errs.push({ field: 'spec.selector', message: `Invalid value: ${b}: field is immutable` })
  }
  return errs
}
