import type { KubeObject } from '../../api/types.js'
import type { DestinationRuleSpec } from '../model/istio-types.js'
import { nameOf, nsOf, specOf, type MeshObjects } from '../model/mesh-objects.js'
import { meshServices, peerAuthn, destinationRuleFor } from '../pilot/index.js'
import { tabWrite } from './tab-writer.js'

/** One row of `istioctl authn tls-check`. */
export interface TlsCheckRow {
  hostPort: string
  status: 'OK' | 'CONFLICT'
  server: 'HTTP' | 'mTLS'
  client: 'HTTP' | 'mTLS'
  authnPolicy: string
  destinationRule: string
}

function clientMode(rule: KubeObject | undefined, port: number): 'HTTP' | 'mTLS' {
  const tp = rule ? specOf<DestinationRuleSpec>(rule).trafficPolicy : undefined
  const pl = tp?.portLevelSettings?.find((p) => p.port?.number === port)
  const tls = (pl ?? tp)?.tls
  return tls?.mode === 'ISTIO_MUTUAL' ? 'mTLS' : 'HTTP'
}

/**
 * Returns the rows of `istioctl authn tls-check` (Pilot's /debug/authenticationz): per service
 * port, the server side from the authn policy (PERMISSIVE still shows mTLS in 1.0.0) and the
 * client side from the DestinationRule; OK when they agree.
 */
export function tlsCheckRows(m: MeshObjects, host?: string): TlsCheckRow[] {
  const rows: TlsCheckRow[] = []
  for (const svc of meshServices(m)) {
    if (svc.entry) continue
    for (const port of svc.ports) {
      const a = peerAuthn(m, svc, port)
      const rule = destinationRuleFor(m.destinationRules, svc.hostname)
      const server = a.mtls ? 'mTLS' : 'HTTP'
      const client = clientMode(rule, port.port)
      rows.push({
        hostPort: `${svc.hostname}:${port.port}`,
        status: server === client ? 'OK' : 'CONFLICT',
        server,
        client,
        authnPolicy: a.policy ?? '-',
        destinationRule: rule ? `${nameOf(rule)}/${nsOf(rule)}` : '-',
      })
    }
  }
  const hostOf = (r: TlsCheckRow) => r.hostPort.slice(0, r.hostPort.lastIndexOf(':'))
  const portOf = (r: TlsCheckRow) => Number(r.hostPort.slice(r.hostPort.lastIndexOf(':') + 1))
  return rows
    .filter((r) => host === undefined || hostOf(r) === host)
    .sort((a, b) => hostOf(a).localeCompare(hostOf(b)) || portOf(a) - portOf(b))
}

/** Prints tls-check rows as istioctl 1.0.0 does (`nothing to output` when empty). */
export function printTlsCheck(rows: TlsCheckRow[]): string {
  if (!rows.length) return 'nothing to output\n'
  return tabWrite(
    [
      ['HOST:PORT', 'STATUS', 'SERVER', 'CLIENT', 'AUTHN POLICY', 'DESTINATION RULE'],
      ...rows.map((r) => [
        r.hostPort,
        r.status,
        r.server,
        r.client,
        r.authnPolicy,
        r.destinationRule,
      ]),
    ],
    5
  )
}
