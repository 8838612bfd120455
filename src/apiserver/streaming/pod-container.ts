import { badRequest } from '../../api/errors.js'
import { isObject, type KubeObject } from '../../api/types.js'

function names(pod: KubeObject, key: 'containers' | 'initContainers'): string[] {
  const list =
    isObject(pod.spec) && Array.isArray(pod.spec[key]) ? (pod.spec[key] as unknown[]) : []
  return list.filter(isObject).map((c) => String(c.name))
}

/**
 * Returns the container a pod subresource (log, exec, attach) addresses: the one asked for, or
 * the only one; throws kube-apiserver's 400s when none is named among several, or the name is unknown.
 */
export function podContainer(pod: KubeObject, requested: string | null): string {
  const containers = names(pod, 'containers')
  const inits = names(pod, 'initContainers')
  const name = pod.metadata.name ?? ''
  if (!requested) {
    if (containers.length === 1) return containers[0]!
    throw badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''}`
    )
  }
  if (!containers.includes(requested) && !inits.includes(requested))
    throw badRequest(`container ${requested} is not valid for pod ${name}`)
  return requested
}
