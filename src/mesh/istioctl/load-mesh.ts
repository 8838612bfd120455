import type { ConfigMap } from '../../api/core-types.js'
import type { KubeObject } from '../../api/types.js'
import { isStatusError } from '../../api/errors.js'
import type { KubeClient, ResourceRef } from '../../client/index.js'
import { parseMeshConfigMap } from '../../istio/index.js'
import { MESH_RESOURCES, MIXER_RESOURCES } from '../mesh-watcher.js'
import { emptyMeshObjects, type MeshObjects } from '../model/mesh-objects.js'

async function listOrEmpty(client: KubeClient, ref: ResourceRef): Promise<KubeObject[]> {
  try {
    return (await client.list(ref)).items
  } catch (err) {
    // A kind whose CRD is not installed has no objects (istioctl treats it the same way).
    if (isStatusError(err, 'NotFound')) return []
    throw new Error(`failed to list ${ref.resource}`, { cause: err })
  }
}

/** Reads the mesh's objects through the API (any backend), as Pilot's registries see them. */
export async function loadMeshObjects(
  client: KubeClient,
  istioNamespace = 'istio-system'
): Promise<MeshObjects> {
  const m = emptyMeshObjects()
  const entries = Object.entries(MESH_RESOURCES) as [keyof typeof MESH_RESOURCES, ResourceRef][]
  const lists = await Promise.all(entries.map(([, r]) => listOrEmpty(client, r)))
  entries.forEach(([field], i) => ((m[field] as KubeObject[]) = lists[i]!))
  m.mixer = (await Promise.all(MIXER_RESOURCES.map((r) => listOrEmpty(client, r)))).flat()
  try {
    const cm = await client.get<ConfigMap>(
      { apiVersion: 'v1', resource: 'configmaps', namespaced: true },
      'istio',
      istioNamespace
    )
    if (cm.data) m.meshConfig = parseMeshConfigMap(cm.data)
  } catch (err) {
    if (!isStatusError(err, 'NotFound'))
      throw new Error('failed to read the istio ConfigMap', { cause: err })
  }
  return m
}
