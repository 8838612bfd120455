import { ALL_VERBS, type ResourceInfo, type SubresourceInfo } from './resource-info.js'
import type { KubeVersion } from './kube-version.js'
import { BUILTIN_RECORDS } from './builtin-records.js'
import type { ResourceRecord } from './resource-record.js'
import { rootMeta } from '../patch/patch-meta.js'

/** The order of groups in `/apis`, as kube-apiserver lists them (its preferred order). */
export const GROUP_ORDER = [
  'apiregistration.k8s.io',
  'extensions',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
]

function subresources(b: ResourceRecord, version: string): SubresourceInfo[] {
  return Object.entries(b.sub ?? {}).map(([name, k]) => {
    const [kind, group, v] = typeof k === 'string' ? [k, b.group, version] : k
    const verbs =
      name === 'log' || name === 'proxy'
        ? ['get']
        : ['binding', 'eviction', 'token'].includes(name)
          ? ['create']
          : ['get', 'patch', 'update']
    return { name, kind, group, version: v, verbs }
  })
}

// The patch metadata of a built-in kind without tagged fields of its own: ObjectMeta's.
const PLAIN_PATCH_META = rootMeta()

/** Returns the storage key of a record: shared (`deployments`) or `<resource>.<group>`. */
export function storageOf(b: ResourceRecord): string {
  return b.storage ?? (b.group ? `${b.resource}.${b.group}` : b.resource)
}

/**
 * Returns the built-in resources a kube-apiserver of this version serves, preferred versions
 * first; alpha group/versions only when `enabled` names them (`settings.k8s.io/v1alpha1`).
 */
export function builtinResources(
  v: KubeVersion,
  enabled: ReadonlySet<string> = new Set(),
  records: readonly ResourceRecord[] = BUILTIN_RECORDS
): ResourceInfo[] {
  const strategies = strategiesByStorage(records)
  const out: ResourceInfo[] = []
  for (const b of inServingOrder(records)) {
    for (const [version, from, until] of b.served) {
      if (v.minor < from || v.minor > until) continue
      const gv = b.group ? `${b.group}/${version}` : version
      if (b.disabledByDefault && !enabled.has(gv)) continue
      const storage = storageOf(b)
      const strategy = strategies.get(storage)
      out.push({
        group: b.group,
        version,
        resource: b.resource,
        kind: b.kind,
        singular: b.kind.toLowerCase(),
        namespaced: b.namespaced,
        shortNames: b.shortNames ?? [],
        categories: b.all ? ['all'] : [],
        verbs: b.verbs ?? ALL_VERBS,
        subresources: subresources(b, version),
        storage,
        ...(strategy ? { strategy } : {}),
        ...(b.printer ? { printer: b.printer } : {}),
        patchMeta: b.patchMeta ?? PLAIN_PATCH_META,
        ...(b.fields ? { fields: b.fields } : {}),
      })
    }
  }
  return out
}

/** Returns the rank of a group in discovery: core first, then GROUP_ORDER, then the others. */
export function groupRank(g: string): number {
  const i = GROUP_ORDER.indexOf(g)
  return g === '' ? -1 : i < 0 ? GROUP_ORDER.length : i
}

// Groups as kube-apiserver ranks them; in a group, resources sorted by name, as its installer
// sorts the paths it registers.
function inServingOrder(records: readonly ResourceRecord[]): ResourceRecord[] {
  return [...records].sort(
    (a, b) =>
      groupRank(a.group) - groupRank(b.group) ||
      a.group.localeCompare(b.group) ||
      (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0)
  )
}

function strategiesByStorage(records: readonly ResourceRecord[]) {
  const m = new Map<string, NonNullable<ResourceRecord['strategy']>>()
  for (const r of records) {
    if (!r.strategy) continue
    const s = storageOf(r)
    if (m.has(s)) throw new Error(`failed to load the resource records: two strategies for ${s}`)
    m.set(s, r.strategy)
  }
  return m
}
