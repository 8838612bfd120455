import type { KubeObject } from '../../api/types.js'
import type { DestinationRuleSpec, HTTPRoute, VirtualServiceSpec } from '../model/istio-types.js'
import { nameOf, nsOf, specOf } from '../model/mesh-objects.js'
import { destinationRuleFor } from './clusters.js'
import { hostMatches, resolveShortname } from './hostname.js'
import type { PushContext } from './outbound-config.js'
import { virtualServicesFor, vsHosts } from './virtual-hosts.js'

/** A piece of config Pilot 1.0 accepts but ignores or cannot honour, about one object. */
export interface ConfigWarning {
  object: KubeObject
  reason: string
  message: string
}

function destinations(h: HTTPRoute): { host?: string; subset?: string }[] {
  return [...(h.route ?? []).map((r) => r.destination ?? {}), ...(h.mirror ? [h.mirror] : [])]
}

/**
 * Returns what Pilot would silently ignore or black-hole in the mesh's objects (pure): a
 * VirtualService host already claimed by an older VirtualService, destinations naming no service
 * or an undefined subset (503 NR at run time), fault percentages left out (0 % in 1.0.0).
 */
export function configWarnings(push: PushContext): ConfigWarning[] {
  const out: ConfigWarning[] = []
  const claimed = new Map<string, KubeObject>()
  for (const vs of virtualServicesFor(push.mesh.virtualServices, 'mesh')) {
    for (const h of vsHosts(vs)) {
      const first = claimed.get(h)
      if (first)
        out.push({
          object: vs,
          reason: 'VirtualServiceIgnored',
          message: `host ${h} is already routed by VirtualService ${nsOf(first)}/${nameOf(first)}; Pilot 1.0 uses the oldest one`,
        })
      else claimed.set(h, vs)
    }
  }
  for (const vs of push.mesh.virtualServices) {
    const ns = nsOf(vs)
    for (const h of specOf<VirtualServiceSpec>(vs).http ?? []) {
      for (const d of destinations(h)) {
        const host = resolveShortname(d.host ?? '', ns)
        const known = push.services.some(
          (s) => hostMatches(host, s.hostname) || s.hostname === host
        )
        if (!known) {
          out.push({
            object: vs,
            reason: 'UnknownHost',
            message: `destination host ${host} is not a service or ServiceEntry: its requests get 503 (no cluster)`,
          })
          continue
        }
        if (!d.subset) continue
        const rule = destinationRuleFor(push.mesh.destinationRules, host)
        const defined =
          rule && specOf<DestinationRuleSpec>(rule).subsets?.some((s) => s.name === d.subset)
        if (!defined)
          out.push({
            object: vs,
            reason: 'UnknownSubset',
            message: `subset ${d.subset} of ${host} is not defined by a DestinationRule: its requests get 503 (no cluster)`,
          })
      }
      if (h.fault?.abort && h.fault.abort.percent === undefined)
        out.push({
          object: vs,
          reason: 'FaultPercentZero',
          message: 'fault.abort.percent is not set: Pilot 1.0.0 copies 0, so no request is aborted',
        })
      if (h.fault?.delay && h.fault.delay.percent === undefined)
        out.push({
          object: vs,
          reason: 'FaultPercentZero',
          message: 'fault.delay.percent is not set: Pilot 1.0.0 copies 0, so no request is delayed',
        })
    }
  }
  return out
}
