import type { Pod } from '../../api/core-types.js'
import { nameOf, nsOf, type MeshObjects } from '../model/mesh-objects.js'
import { isRouterPod } from '../pilot/index.js'
import { tabWrite } from './tab-writer.js'

function hasProxy(p: Pod): boolean {
  const cs = p.spec?.containers ?? []
  return cs.some((c) => c.name === 'istio-proxy') || isRouterPod(p)
}

function running(p: Pod): boolean {
  return p.status?.phase === 'Running'
}

/**
 * Returns `istioctl proxy-status` (1.0.0): one row per running proxy connected to a running
 * istio-pilot, sorted by proxy id. The emulated Pilot pushes synchronously, so every xDS type
 * is SYNCED (EDS 100 %). Without a running Pilot no proxy is connected.
 */
export function printProxyStatus(m: MeshObjects): string {
  const pilot = m.pods.find(
    (p) => nsOf(p) === 'istio-system' && p.metadata.labels?.istio === 'pilot' && running(p)
  )
  const rows = pilot
    ? m.pods
        .filter((p) => running(p) && hasProxy(p))
        .map((p) => `${nameOf(p)}.${nsOf(p)}`)
        .sort()
        .map((id) => [id, 'SYNCED', 'SYNCED', 'SYNCED (100%)', 'SYNCED', nameOf(pilot), '1.0.0'])
    : []
  return tabWrite([['PROXY', 'CDS', 'LDS', 'EDS', 'RDS', 'PILOT', 'VERSION'], ...rows], 5)
}
