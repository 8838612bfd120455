import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { createKubeClient, httpTransport, type KubeClient } from '../../client/index.js'

interface Named<T> {
  name: string
  cluster?: T
  user?: T
  context?: T
}

const unb64 = (s: string | undefined) => (s ? Buffer.from(s, 'base64').toString('utf8') : undefined)

/**
 * Returns an API client for a kubeconfig's current context (embedded CA, token or client
 * certificate), as istioctl finds the cluster; throws naming the file and the missing field.
 */
export function clientFromKubeconfig(path: string): KubeClient {
  const cfg = parse(readFileSync(path, 'utf8')) as {
    'current-context'?: string
    clusters?: Named<Record<string, string>>[]
    users?: Named<Record<string, string>>[]
    contexts?: Named<Record<string, string>>[]
  }
  const ctx = cfg.contexts?.find((c) => c.name === cfg['current-context'])?.context
  if (!ctx) throw new Error(`failed to read ${path}: no current-context`)
  const cluster = cfg.clusters?.find((c) => c.name === ctx.cluster)?.cluster
  const user = cfg.users?.find((u) => u.name === ctx.user)?.user ?? {}
  if (!cluster?.server)
    throw new Error(`failed to read ${path}: clusters[${ctx.cluster}].server is missing`)
  const caPem =
    unb64(cluster['certificate-authority-data']) ??
    readFileSync(cluster['certificate-authority'] ?? '', 'utf8')
  const cert = unb64(user['client-certificate-data'])
  const key = unb64(user['client-key-data'])
  return createKubeClient(
    httpTransport({
      server: cluster.server,
      caPem,
      ...(user.token ? { token: user.token } : {}),
      ...(cert && key ? { clientCertPem: cert, clientKeyPem: key } : {}),
    }),
    'istioctl/1.0.0'
  )
}
