/** An authenticated identity, as kube-apiserver's user.Info: name, groups, uid and extra fields. */
export interface UserInfo {
  name: string
  groups: string[]
  uid?: string
  extra?: Record<string, string[]>
}

/** The group whose members bypass authorization (kube-apiserver's privileged group). */
export const MASTERS = 'system:masters'
/** The group every authenticated user is in. */
export const AUTHENTICATED = 'system:authenticated'
/** The group of anonymous requests. */
export const UNAUTHENTICATED = 'system:unauthenticated'

const SA_PREFIX = 'system:serviceaccount:'

/** Returns true when a user is in system:masters (kube-apiserver's authorizer short-circuits them). */
export function isMaster(u: UserInfo): boolean {
  return u.groups.includes(MASTERS)
}

/** Returns the user name of a service account: `system:serviceaccount:<ns>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`
}

/** Returns `{namespace, name}` of a service account user name, or undefined for other names. */
export function parseServiceAccountUsername(
  username: string
): { namespace: string; name: string } | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined
  const parts = username.slice(SA_PREFIX.length).split(':')
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined
  return { namespace: parts[0], name: parts[1] }
}

/** Returns the groups kube-apiserver gives a service account: all accounts, its namespace's accounts. */
export function serviceAccountGroups(namespace: string): string[] {
  return ['system:serviceaccounts', `system:serviceaccounts:${namespace}`]
}

/** Returns a service account's user as the token authenticator makes it (authenticated included). */
export function serviceAccountUser(namespace: string, name: string, uid?: string): UserInfo {
  return {
    name: serviceAccountUsername(namespace, name),
    groups: [...serviceAccountGroups(namespace), AUTHENTICATED],
    ...(uid ? { uid } : {}),
  }
}
