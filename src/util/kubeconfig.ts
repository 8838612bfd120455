import { stringify } from 'yaml'

/** What a kubeconfig for the lab holds. */
export interface KubeconfigOptions {
  clusterName: string
  server: string
  caPem: string
  user: string
  token?: string
  clientCertPem?: string
  clientKeyPem?: string
  namespace?: string
}

const b64 = (s: string) => Buffer.from(s).toString('base64')

/** Returns a kubeconfig (YAML) that embeds the CA and the admin credentials, as kubeadm's admin.conf does. */
export function renderKubeconfig(o: KubeconfigOptions): string {
  const context = `${o.user}@${o.clusterName}`
  const user: Record<string, string> = {}
  if (o.token) user.token = o.token
  if (o.clientCertPem && o.clientKeyPem) {
    user['client-certificate-data'] = b64(o.clientCertPem)
    user['client-key-data'] = b64(o.clientKeyPem)
  }
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: o.clusterName,
        cluster: { server: o.server, 'certificate-authority-data': b64(o.caPem) },
      },
    ],
    users: [{ name: o.user, user }],
    contexts: [
      {
        name: context,
        context: {
          cluster: o.clusterName,
          user: o.user,
          ...(o.namespace ? { namespace: o.namespace } : {}),
        },
      },
    ],
    'current-context': context,
    preferences: {},
  })
}
