import type { KubeObject } from '../api/types.js'
import type { ImageBehaviour, ImageBehaviourRegistry } from '../kubelet/index.js'
import { containersOf, declaredPorts, ownerKind, type ContainerShape } from './pod-facts.js'
import type { AppSpec } from './types.js'

/** A container of a pod with its behaviour and app (undefined: the generic echo app). */
export interface ContainerApp {
  container: ContainerShape
  name: string
  image: string
  behaviour: ImageBehaviour
  app: AppSpec | undefined
  /** Ports it serves: its app's ports, else its declared containerPorts. */
  ports: number[]
}

/** Returns every container of a pod with the app its image behaviour gives it. */
export function containerApps(
  pod: KubeObject,
  behaviours: ImageBehaviourRegistry,
  apps: ReadonlyMap<string, AppSpec>
): ContainerApp[] {
  const kind = ownerKind(pod)
  return containersOf(pod).map((c) => {
    const name = c.name ?? ''
    const image = c.image ?? ''
    const behaviour = behaviours.resolve({
      image,
      containerName: name,
      ...(kind ? { ownerKind: kind } : {}),
    })
    const app = apps.get(behaviour.name)
    const ports = app && app.ports.length > 0 ? app.ports : declaredPorts(c)
    return { container: c, name, image, behaviour, app, ports }
  })
}

/** Returns the container of a pod that serves a port, or undefined when none does. */
export function containerForPort(
  list: readonly ContainerApp[],
  port: number
): ContainerApp | undefined {
  for (const c of list) if (c.ports.includes(port)) return c
  return undefined
}

/**
 * Returns the status a probe path must get so the app answers as the kubelet's behaviour says
 * (a `readiness: fail` container's readiness path is a 503), or undefined when it is not a probe.
 */
export function probeAnswer(c: ContainerApp, port: number, path: string): number | undefined {
  if (c.behaviour.readiness !== 'fail' && c.behaviour.liveness !== 'fail') return undefined
  const q = path.indexOf('?')
  const bare = q < 0 ? path : path.slice(0, q)
  if (c.behaviour.readiness === 'fail' && probeHit(c.container.readinessProbe, port, bare))
    return 503
  if (c.behaviour.liveness === 'fail' && probeHit(c.container.livenessProbe, port, bare)) return 503
  return undefined
}

function probeHit(
  p: { httpGet?: { path?: string; port?: number | string } } | undefined,
  port: number,
  bare: string
): boolean {
  return (
    p?.httpGet?.path === bare && (p.httpGet.port === port || typeof p.httpGet.port === 'string')
  )
}
