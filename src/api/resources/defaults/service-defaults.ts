import { isObject, type Obj } from '../../types.js'

/** Sets a Service's defaults as the v1 defaulters do. */
export function defaultService(svc: Obj): void {
  const spec = (isObject(svc.spec) ? svc.spec : (svc.spec = {})) as Obj
  if (spec.type === undefined) spec.type = 'ClusterIP'
  if (spec.sessionAffinity === undefined) spec.sessionAffinity = 'None'
  for (const p of Array.isArray(spec.ports) ? spec.ports : []) {
    if (!isObject(p)) continue
    if (p.protocol === undefined) p.protocol = 'TCP'
    if (p.targetPort === undefined) p.targetPort = p.port
  }
  if (
    (spec.type === 'NodePort' || spec.type === 'LoadBalancer') &&
    spec.externalTrafficPolicy === undefined
  ) {
    spec.externalTrafficPolicy = 'Cluster'
  }
  if (!isObject(svc.status)) svc.status = { loadBalancer: {} }
}
