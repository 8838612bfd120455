import type { KubeObject } from '../../api/types.js'
import type { MemoryStore } from '../storage/index.js'
import { serviceAccountUser, type UserInfo } from './user-info.js'

const TOKEN_TYPE = 'kubernetes.io/service-account-token'
const NAME_ANN = 'kubernetes.io/service-account.name'
const UID_ANN = 'kubernetes.io/service-account.uid'

interface Claims {
  iss?: string
  'kubernetes.io/serviceaccount/namespace'?: string
  'kubernetes.io/serviceaccount/secret.name'?: string
  'kubernetes.io/serviceaccount/service-account.name'?: string
  'kubernetes.io/serviceaccount/service-account.uid'?: string
}

/** Returns the claims of a JWT, or undefined when the token is not one. */
function claimsOf(token: string): Claims | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  try {
    const v: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'))
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Claims) : undefined
  } catch {
    return undefined
  }
}

/**
 * Authenticates a legacy service account token as kube-apiserver 1.11 does with
 * `--service-account-lookup` (the default): the claims name a token Secret that still exists,
 * holds exactly this token and belongs to a ServiceAccount that still exists with the claimed uid.
 * The lab's tokens are not signed by a key it checks, so the Secret lookup is what proves them:
 * a forged or edited token never matches a stored one. Returns the account's user, or undefined.
 */
export function authenticateServiceAccountToken(
  store: MemoryStore,
  token: string
): UserInfo | undefined {
  const c = claimsOf(token)
  if (!c || c.iss !== 'kubernetes/serviceaccount') return undefined
  const namespace = c['kubernetes.io/serviceaccount/namespace'] ?? ''
  const secretName = c['kubernetes.io/serviceaccount/secret.name'] ?? ''
  const saName = c['kubernetes.io/serviceaccount/service-account.name'] ?? ''
  const uid = c['kubernetes.io/serviceaccount/service-account.uid'] ?? ''
  if (!namespace || !secretName || !saName) return undefined
  const secret = store.peek({ storage: 'secrets', namespace, name: secretName }) as
    (KubeObject & { type?: string; data?: Record<string, string> }) | undefined
  if (!secret || secret.type !== TOKEN_TYPE || secret.metadata.deletionTimestamp) return undefined
  const ann = secret.metadata.annotations ?? {}
  if (ann[NAME_ANN] !== saName || (uid && ann[UID_ANN] !== uid)) return undefined
  const stored = Buffer.from(secret.data?.token ?? '', 'base64').toString('utf8')
  if (stored !== token) return undefined
  const sa = store.peek({ storage: 'serviceaccounts', namespace, name: saName })
  if (!sa || sa.metadata.deletionTimestamp || (uid && sa.metadata.uid !== uid)) return undefined
  return serviceAccountUser(namespace, saName, sa.metadata.uid)
}
