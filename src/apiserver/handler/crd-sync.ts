import type { ResourceCatalog, ResourceInfo, PrinterColumn } from '../../api/resources/index.js'
import { ALL_VERBS } from '../../api/resources/index.js'
import { isObject, type KubeObject } from '../../api/types.js'

type Obj = Record<string, unknown>

function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObject) : []
}

/** Returns what a CRD (apiextensions v1 or v1beta1) serves, one ResourceInfo per served version. */
export function crdResources(crd: KubeObject): ResourceInfo[] {
  const spec = isObject(crd.spec) ? crd.spec : {}
  const names = isObject(spec.names) ? spec.names : {}
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
  const topSub = isObject(spec.subresources) ? spec.subresources : {}
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

/** Returns the CRD's status once the lab has started serving it (Established, NamesAccepted). */
export function establishedStatus(crd: KubeObject, now: string): Obj {
  const spec = isObject(crd.spec) ? crd.spec : {}
  const cond = (type: string, reason: string, message: string) => ({
    type,
    status: 'True',
    lastTransitionTime: now,
    reason,
    message,
  })
  const versions = arr(spec.versions).map((v) => String(v.name))
  return {
    conditions: [
      cond('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      cond('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
    acceptedNames: spec.names ?? {},
    storedVersions: versions.length
      ? [arr(spec.versions).find((v) => v.storage)?.name ?? versions[0]]
      : [spec.version],
  }
}

/** Updates the catalogue for a CRD that was written (or removed when `deleted`). */
export function syncCrd(catalog: ResourceCatalog, crd: KubeObject, deleted: boolean): void {
  catalog.setCustom(crd.metadata.name ?? '', deleted ? [] : crdResources(crd))
}
