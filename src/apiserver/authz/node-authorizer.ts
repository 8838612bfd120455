import type { KubeObject, Obj } from '../../api/types.js'
import type { MemoryStore } from '../storage/index.js'
import { NODES } from './caller-identity.js'
import { NODE_RULES } from './component-roles.js'
import { ruleAllows } from './policy-rule.js'
import type { Decision } from './rbac-authorizer.js'
import type { RequestAttributes } from './request-attributes.js'
import type { UserInfo } from './user-info.js'

const PREFIX = 'system:node:'
// Objects a kubelet may read only when a pod bound to its node uses them.
const GRAPH = new Set(['secrets', 'configmaps', 'persistentvolumeclaims', 'persistentvolumes'])

const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {})
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : [])

/**
 * kube-apiserver 1.11's Node authorizer (`--authorization-mode=Node,RBAC`): a kubelet's user
 * (`system:node:<name>` in `system:nodes`) gets the `system:node` rules, and may get a secret,
 * configmap, persistent volume claim or volume only when a pod bound to its node refers to it.
 * Returns undefined (no opinion: RBAC decides) for other users and for what it does not allow.
 */
export function authorizeNode(
  store: MemoryStore,
  user: UserInfo,
  a: RequestAttributes
): Decision | undefined {
  if (!user.name.startsWith(PREFIX) || !user.groups.includes(NODES)) return undefined
  const node = user.name.slice(PREFIX.length)
  if (a.resourceRequest && a.apiGroup === '' && GRAPH.has(a.resource) && !a.subresource) {
    if (a.verb !== 'get' || !a.name)
      return { allowed: false, reason: 'can only get individual resources of this type' }
    return referenced(store, node, a)
      ? { allowed: true, reason: '' }
      : { allowed: false, reason: 'no path found to object' }
  }
  return NODE_RULES.some((r) => ruleAllows(a, r)) ? { allowed: true, reason: '' } : undefined
}

function referenced(store: MemoryStore, node: string, a: RequestAttributes): boolean {
  const pods = store.list('pods', a.namespace || undefined, { copy: false }).items
  const claims = new Set<string>()
  for (const pod of pods as KubeObject[]) {
    const spec = obj(pod.spec)
    if (spec.nodeName !== node) continue
    const refs = podRefs(spec)
    if (a.resource === 'persistentvolumes') {
      for (const c of refs.persistentvolumeclaims) claims.add(`${pod.metadata.namespace}/${c}`)
    } else if (refs[a.resource as keyof typeof refs]?.has(a.name)) return true
  }
  if (a.resource !== 'persistentvolumes') return false
  for (const key of claims) {
    const [ns, name] = key.split('/') as [string, string]
    const pvc = store.peek({ storage: 'persistentvolumeclaims', namespace: ns, name })
    if (pvc && obj(pvc.spec).volumeName === a.name) return true
  }
  return false
}

/** Returns the secrets, configmaps and claims a pod spec names (volumes, env, pull secrets). */
function podRefs(
  spec: Obj
): Record<'secrets' | 'configmaps' | 'persistentvolumeclaims', Set<string>> {
  const secrets = new Set<string>()
  const configmaps = new Set<string>()
  const persistentvolumeclaims = new Set<string>()
  const add = (set: Set<string>, name: unknown) => typeof name === 'string' && set.add(name)
  for (const s of arr(spec.imagePullSecrets)) add(secrets, s.name)
  for (const v of arr(spec.volumes)) {
    add(secrets, obj(v.secret).secretName)
    add(configmaps, obj(v.configMap).name)
    add(persistentvolumeclaims, obj(v.persistentVolumeClaim).claimName)
    for (const src of arr(obj(v.projected).sources)) {
      add(secrets, obj(src.secret).name)
      add(configmaps, obj(src.configMap).name)
    }
  }
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers)]) {
    for (const e of arr(c.env)) {
      const from = obj(e.valueFrom)
      add(secrets, obj(from.secretKeyRef).name)
      add(configmaps, obj(from.configMapKeyRef).name)
    }
    for (const e of arr(c.envFrom)) {
      add(secrets, obj(e.secretRef).name)
      add(configmaps, obj(e.configMapRef).name)
    }
  }
  return { secrets, configmaps, persistentvolumeclaims }
}
