import { asObject, isObject, type KubeObject, type Obj } from '../api/types.js'
import type { ContainerRuntime } from './container-runtime.js'
import type { ImageBehaviourRegistry } from './image-behaviours.js'

/**
 * Returns the runtime records of a pod's init and app containers, each with the behaviour its
 * image (and the pod's controller kind) resolves to, waiting as a new pod's containers wait:
 * PodInitializing when the pod has init containers, else ContainerCreating.
 */
export function containerRuntimes(
  behaviours: ImageBehaviourRegistry,
  pod: KubeObject
): { init: ContainerRuntime[]; main: ContainerRuntime[] } {
  const spec = asObject(pod.spec)
  const owner = (pod.metadata.ownerReferences ?? []).find((o) => o.controller)?.kind
  const runtime = (c: Obj, init: boolean, first: string): ContainerRuntime => {
    const image = String(c.image ?? '')
    const name = String(c.name ?? '')
    return {
      name,
      init,
      spec: c,
      image,
      behaviour: behaviours.resolve({
        image,
        containerName: name,
        ...(owner ? { ownerKind: owner } : {}),
      }),
      phase: 'waiting',
      waiting: { reason: first },
      instances: 0,
      restartCount: 0,
      ready: false,
      cancelLoops: [],
    }
  }
  const list = (k: string) =>
    Array.isArray(spec[k]) ? (spec[k] as unknown[]).filter(isObject) : []
  const inits = list('initContainers')
  return {
    init: inits.map((c) => runtime(c, true, 'PodInitializing')),
    main: list('containers').map((c) =>
      runtime(c, false, inits.length > 0 ? 'PodInitializing' : 'ContainerCreating')
    ),
  }
}
