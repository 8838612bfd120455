import { isObject } from '../api/types.js'
import type { KubeClient, ResourceRef } from '../client/index.js'

interface DiscoveredResource {
  name?: unknown
  namespaced?: unknown
  verbs?: unknown
}

interface GroupVersions {
  name: string
  versions: string[]
}

/**
 * Returns the namespaced resources the server serves that can be listed and deleted, found by
 * discovery as kube-controller-manager's namespace controller finds them
 * (ServerPreferredNamespacedResources): `/api`, `/apis`, then each group version, preferred version
 * first; a group/resource served in several versions is returned once, at its preferred version.
 * Custom resources are included, since established CRDs are served in discovery.
 */
export async function discoverNamespacedResources(client: KubeClient): Promise<ResourceRef[]> {
  if (!client.getPath) throw new Error('failed to discover resources: the client has no getPath')
  const get = client.getPath.bind(client)
  const groups: GroupVersions[] = []
  const core = await get<{ versions?: unknown }>('/api')
  groups.push({ name: '', versions: strings(core.versions) })
  const apis = await get<{ groups?: unknown }>('/apis')
  for (const g of Array.isArray(apis.groups) ? apis.groups.filter(isObject) : []) {
    const preferred = isObject(g.preferredVersion) ? g.preferredVersion.version : undefined
    const versions = (Array.isArray(g.versions) ? g.versions.filter(isObject) : [])
      .map((v) => v.version)
      .filter((v): v is string => typeof v === 'string')
      .sort((a, b) => Number(b === preferred) - Number(a === preferred))
    if (typeof g.name === 'string') groups.push({ name: g.name, versions })
  }
  const seen = new Set<string>()
  const out: ResourceRef[] = []
  for (const g of groups) {
    for (const version of g.versions) {
      const apiVersion = g.name === '' ? version : `${g.name}/${version}`
      const path = g.name === '' ? `/api/${version}` : `/apis/${apiVersion}`
      const list = await get<{ resources?: unknown }>(path)
      for (const r of Array.isArray(list.resources)
        ? (list.resources as DiscoveredResource[])
        : []) {
        if (typeof r.name !== 'string' || r.name.includes('/') || r.namespaced !== true) continue
        const verbs = strings(r.verbs)
        if (!verbs.includes('list') || !verbs.includes('delete')) continue
        const key = `${g.name}/${r.name}`
        if (seen.has(key)) continue
        seen.add(key)
        out.push({ apiVersion, resource: r.name, namespaced: true })
      }
    }
  }
  return out
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}
