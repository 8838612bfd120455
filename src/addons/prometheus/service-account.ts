/**
 * The files a pod's service account volume holds (`token`, `ca.crt`), read from the account's
 * token Secret as the kubelet mounts them: the lab's Prometheus authenticates as
 * `system:serviceaccount:istio-system:prometheus`, so the chart's RBAC decides what it may scrape.
 */
import type { KubeObject } from '../../api/types.js'
import type { KubeClient } from '../../client/index.js'

const TOKEN_TYPE = 'kubernetes.io/service-account-token'

/** Returns the account's token and CA, or undefined while the token controller has not made them. */
export async function readServiceAccount(
  kube: KubeClient,
  namespace: string,
  name: string
): Promise<{ token: string; caCrt: string } | undefined> {
  let sa: KubeObject & { secrets?: { name?: string }[] }
  try {
    sa = await kube.get(
      { apiVersion: 'v1', resource: 'serviceaccounts', namespaced: true },
      name,
      namespace
    )
  } catch {
    return undefined
  }
  for (const ref of sa.secrets ?? []) {
    if (!ref.name) continue
    let secret: KubeObject & { type?: string; data?: Record<string, string> }
    try {
      secret = await kube.get(
        { apiVersion: 'v1', resource: 'secrets', namespaced: true },
        ref.name,
        namespace
      )
    } catch {
      continue
    }
    if (secret.type !== TOKEN_TYPE || !secret.data?.token || !secret.data['ca.crt']) continue
    return {
      token: Buffer.from(secret.data.token, 'base64').toString('utf8'),
      caCrt: Buffer.from(secret.data['ca.crt'], 'base64').toString('utf8'),
    }
  }
  return undefined
}
