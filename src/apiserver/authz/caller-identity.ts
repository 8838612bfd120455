import { CONTROLLER_RULES } from './component-roles.js'
import {
  AUTHENTICATED,
  parseServiceAccountUsername,
  serviceAccountUser,
  type UserInfo,
} from './user-info.js'

/**
 * Who an in-process component calls the API as: its user, and the users it may also act as (the
 * controller manager makes each controller's requests with that controller's ServiceAccount, so a
 * request is allowed when one of them may make it).
 */
export interface CallerIdentity {
  user: UserInfo
  actsAs: UserInfo[]
}

/** The group of every kubelet's user (`system:node:<name>`). */
export const NODES = 'system:nodes'
const NODE_PREFIX = 'system:node:'

const controllerUser = (name: string) => serviceAccountUser('kube-system', name)
const plain = (name: string): UserInfo => ({ name, groups: [AUTHENTICATED] })

/** Returns the user of a name as the API server authenticates it: an account, a node or a user. */
export function userNamed(name: string): UserInfo {
  const sa = parseServiceAccountUsername(name)
  if (sa) return serviceAccountUser(sa.namespace, sa.name)
  if (name.startsWith(NODE_PREFIX) && name.length > NODE_PREFIX.length)
    return { name, groups: [NODES, AUTHENTICATED] }
  return plain(name)
}

/**
 * Returns the identity of an in-process component, by the user it acts as (`as`) or else by its
 * user agent, with the credentials kubeadm 1.11 gives it: kube-controller-manager (with its
 * controllers' ServiceAccounts in kube-system) and the scheduler. Undefined for the lab's own
 * plumbing (kubeadm, the install, benches) and for the network, which plays kube-proxy, the
 * cluster DNS and the CNI at once: they hold the admin's credentials.
 */
export function callerIdentity(userAgent: string, as?: string): CallerIdentity | undefined {
  if (as) return { user: userNamed(as), actsAs: [] }
  switch (userAgent) {
    case 'kube-controller-manager':
      return {
        user: plain('system:kube-controller-manager'),
        actsAs: Object.keys(CONTROLLER_RULES).map(controllerUser),
      }
    case 'node-controller':
      // Part of the controller manager: its informers list and watch with the manager's own user.
      return {
        user: controllerUser('node-controller'),
        actsAs: [plain('system:kube-controller-manager')],
      }
    case 'default-scheduler':
      return { user: plain('system:kube-scheduler'), actsAs: [] }
    default:
      return undefined
  }
}
