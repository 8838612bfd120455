import { createCa, createLeaf, systemRandom, type KeyPair, type Random } from '../../util/index.js'

/** The lab's credentials: cluster CA, API serving certificate, admin client certificate, admin token. */
export interface SimPki {
  ca: KeyPair
  apiserver: KeyPair
  admin: KeyPair
  token: string
}

/**
 * Creates the lab's PKI the way kubeadm lays it out (CN=kubernetes CA, kubernetes-admin in
 * system:masters). The admin token comes from `random` (seeded: the same each run); keys and
 * certificate serials stay crypto-random.
 */
export async function createSimPki(
  serviceIp: string,
  extraIps: string[],
  random: Random = systemRandom()
): Promise<SimPki> {
  const ca = await createCa('kubernetes')
  const [apiserver, admin] = await Promise.all([
    createLeaf(ca, {
      commonName: 'kube-apiserver',
      usage: 'server',
      dnsNames: [
        'localhost',
        'kubernetes',
        'kubernetes.default',
        'kubernetes.default.svc',
        'kubernetes.default.svc.cluster.local',
      ],
      ips: ['127.0.0.1', serviceIp, ...extraIps],
    }),
    createLeaf(ca, {
      commonName: 'kubernetes-admin',
      organizations: ['system:masters'],
      usage: 'client',
    }),
  ])
  return { ca, apiserver, admin, token: random.bytes(24).toString('base64url') }
}
