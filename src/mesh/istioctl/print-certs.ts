import { X509Certificate } from 'node:crypto'
import type { Secret } from '../../api/core-types.js'
import { isStatusError } from '../../api/errors.js'
import type { KubeClient } from '../../client/index.js'
import type { MeshObjects } from '../model/mesh-objects.js'
import { createPushContext } from '../pilot/index.js'
import { tabWrite } from './tab-writer.js'

/**
 * Returns, for `authn tls-check <host> --certs` (a lab addition), the Citadel certificate of each
 * service account behind the host: its SPIFFE SAN and validity, read from the `istio.<sa>` Secret.
 */
export async function printCerts(
  client: KubeClient,
  mesh: MeshObjects,
  host: string
): Promise<string> {
  const push = createPushContext(mesh)
  const svc = push.byHost.get(host)
  if (!svc) return ''
  const sas = [
    ...new Set(
      (push.instances.get(svc) ?? []).flatMap((i) => (i.serviceAccount ? [i.serviceAccount] : []))
    ),
  ].sort()
  const rows: string[][] = []
  for (const sa of sas) {
    try {
      const s = await client.get<Secret>(
        { apiVersion: 'v1', resource: 'secrets', namespaced: true },
        `istio.${sa}`,
        svc.namespace
      )
      const x = new X509Certificate(Buffer.from(s.data?.['cert-chain.pem'] ?? '', 'base64'))
      rows.push([`${svc.namespace}/${sa}`, x.subjectAltName ?? '-', x.validTo])
    } catch (err) {
      if (!isStatusError(err, 'NotFound'))
        throw new Error(`failed to read istio.${sa}`, { cause: err })
      rows.push([`${svc.namespace}/${sa}`, `no istio.${sa} secret (is Citadel running?)`, '-'])
    }
  }
  return `\n${tabWrite([['SERVICE ACCOUNT', 'CERTIFICATE SAN', 'NOT AFTER'], ...rows], 5)}`
}
