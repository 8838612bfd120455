import type { ResourceCatalog, ResourceInfo } from '../../api/resources/index.js'
import { apiVersionOf } from '../../api/types.js'

/** The exact Content-Type kubectl needs to accept an aggregated discovery answer. */
export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList'
/** The v2beta1 aggregated discovery Content-Type. */
export const AGGREGATED_V2BETA1 =
  'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList'

/** Returns which aggregated discovery version the Accept header asks for, if any. */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '')
    if (!p.includes('as=APIGroupDiscoveryList') || !p.includes('g=apidiscovery.k8s.io')) continue
    if (p.includes('v=v2beta1')) return 'v2beta1'
    if (p.includes('v=v2')) return 'v2'
  }
  return undefined
}

function legacyResource(r: ResourceInfo): Record<string, unknown>[] {
  const main: Record<string, unknown> = {
    name: r.resource,
    singularName: r.singular,
    namespaced: r.namespaced,
    kind: r.kind,
    verbs: r.verbs,
  }
  if (r.shortNames.length) main.shortNames = r.shortNames
  if (r.categories.length) main.categories = r.categories
  const subs = r.subresources.map((s) => ({
    name: `${r.resource}/${s.name}`,
    singularName: '',
    namespaced: r.namespaced,
    ...(s.group !== r.group || s.version !== r.version
      ? { group: s.group, version: s.version }
      : {}),
    kind: s.kind,
    verbs: s.verbs,
  }))
  return [main, ...subs]
}

/** Returns the legacy APIResourceList of one group/version, or undefined when it is not served. */
export function apiResourceList(
  catalog: ResourceCatalog,
  group: string,
  version: string
): object | undefined {
  const rs = catalog.resources().filter((r) => r.group === group && r.version === version)
  if (rs.length === 0) return undefined
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf(group, version),
    resources: rs.flatMap(legacyResource),
  }
}

/** Returns `/api`'s APIVersions. */
export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  }
}

function apiGroup(name: string, versions: string[]): object {
  const vs = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }))
  return { name, versions: vs, preferredVersion: vs[0] }
}

/** Returns `/apis`'s APIGroupList. */
export function apiGroupList(catalog: ResourceCatalog): object {
  const groups = catalog.groups().filter((g) => g.name !== '')
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: groups.map((g) => apiGroup(g.name, g.versions)),
  }
}

/** Returns `/apis/<group>`'s APIGroup, or undefined. */
export function apiGroupDoc(catalog: ResourceCatalog, group: string): object | undefined {
  const g = catalog.groups().find((x) => x.name === group && group !== '')
  return g && { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.name, g.versions) }
}

function aggregatedResource(r: ResourceInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: r.verbs,
  }
  if (r.shortNames.length) out.shortNames = r.shortNames
  if (r.categories.length) out.categories = r.categories
  if (r.subresources.length) {
    out.subresources = r.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group, version: s.version, kind: s.kind },
      verbs: s.verbs,
    }))
  }
  return out
}

/** Returns the aggregated discovery document for `/api` (core) or `/apis` (groups). */
export function aggregatedDiscovery(
  catalog: ResourceCatalog,
  core: boolean,
  version: 'v2' | 'v2beta1'
): object {
  const groups = catalog.groups().filter((g) => (g.name === '') === core)
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: { name: g.name },
      versions: g.versions.map((v) => ({
        version: v,
        resources: catalog
          .resources()
          .filter((r) => r.group === g.name && r.version === v)
          .map(aggregatedResource),
        freshness: 'Current',
      })),
    })),
  }
}
