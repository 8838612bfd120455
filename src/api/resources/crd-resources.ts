import { asObject, isObject, type KubeObject, type Obj } from '../types.js'
import { ALL_VERBS, type PrinterColumn, type ResourceInfo } from './resource-info.js'

function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObject) : []
}

/** Returns what a CRD (apiextensions v1 or v1beta1) serves, one ResourceInfo per served version. */
export function crdResources(crd: KubeObject): ResourceInfo[] {
  const spec = asObject(crd.spec)
  const names = asObject(spec.names)
  const group = String(spec.group ?? '')
  const plural = String(names.plural ?? '')
  const kind = String(names.kind ?? '')
  if (!group || !plural || !kind) return []
  const versions = arr(spec.versions)
  const served = versions.length
    ? versions.filter((v) => v.served !== false)
    : typeof spec.version === 'string'
      ? [{ name: spec.version, served: true }]
      : []
  const topColumns = arr(spec.additionalPrinterColumns)
  const topSub = asObject(spec.subresources)
  return served.map((v) => {
    const cols = arr(v.additionalPrinterColumns).length
      ? arr(v.additionalPrinterColumns)
      : topColumns
    const sub = isObject(v.subresources) ? v.subresources : topSub
    const version = String(v.name)
    const subresources = []
    if (isObject(sub.status))
      subresources.push({ name: 'status', kind, group, version, verbs: ['get', 'patch', 'update'] })
    if (isObject(sub.scale))
      subresources.push({
        name: 'scale',
        kind: 'Scale',
        group: 'autoscaling',
        version: 'v1',
        verbs: ['get', 'patch', 'update'],
      })
    return {
      group,
      version,
      resource: plural,
      kind,
      singular: String(names.singular ?? kind.toLowerCase()),
      namespaced: spec.scope !== 'Cluster',
      shortNames: Array.isArray(names.shortNames) ? names.shortNames.map(String) : [],
      categories: Array.isArray(names.categories) ? names.categories.map(String) : [],
      verbs: ALL_VERBS,
      subresources,
      storage: `${plural}.${group}`,
      // Custom resources keep generations; status is its own subresource when the CRD says so.
      strategy: { statusSubresource: isObject(sub.status), generation: true },
      crd: {
        name: crd.metadata.name ?? '',
        printerColumns: cols.map(printerColumn),
        preserveUnknownFields: true,
      },
    }
  })
}

function printerColumn(c: Obj): PrinterColumn {
  return {
    name: String(c.name ?? ''),
    type: String(c.type ?? 'string'),
    ...(c.format ? { format: String(c.format) } : {}),
    ...(c.description ? { description: String(c.description) } : {}),
    priority: Number(c.priority ?? 0),
    jsonPath: String(c.jsonPath ?? c.JSONPath ?? ''),
  }
}

/** Updates the catalogue for a CRD that was written (or removed when `deleted`). */
export function syncCrd(
  catalog: { setCustom(crdName: string, infos: ResourceInfo[]): void },
  crd: KubeObject,
  deleted: boolean
): void {
  catalog.setCustom(crd.metadata.name ?? '', deleted ? [] : crdResources(crd))
}
