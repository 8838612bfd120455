import type { KubeObject } from '../../types.js'
import type { ResourceInfo, ResourceStrategy } from '../resource-info.js'

/**
 * Returns the strategy of a resource with a status subresource and generations (workloads,
 * autoscalers, ingresses): status starts as `initialStatus()` and is written only through `/status`.
 */
export function statusStrategy(
  defaults?: (obj: KubeObject, info: ResourceInfo, uid: string) => void,
  initialStatus: () => Record<string, unknown> = () => ({}),
  more: Partial<ResourceStrategy> = {}
): ResourceStrategy {
  return {
    statusSubresource: true,
    generation: true,
    ...(defaults ? { defaults } : {}),
    prepareForCreate: (obj) => {
      obj.status = initialStatus()
    },
    ...more,
  }
}
