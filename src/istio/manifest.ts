import { parseAllDocuments } from 'yaml'
import { isObject, type KubeObject } from '../api/types.js'
import { parseInjectorConfigMap } from './injector-config.js'
import { parseMeshConfigMap } from './mesh-config.js'
import type { InjectorState } from './webhook.js'

/** Returns the objects of a multi-document manifest, `kind: List` items expanded, empty documents dropped. */
export function manifestObjects(text: string): KubeObject[] {
  const out: KubeObject[] = []
  const add = (v: unknown) => {
    if (!isObject(v)) return
    if (v['kind'] === 'List' && Array.isArray(v['items'])) v['items'].forEach(add)
    else out.push(v as KubeObject)
  }
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`failed to read manifest: ${doc.errors[0]!.message}`)
    add(doc.toJS())
  }
  return out
}

/**
 * Returns the injector state held by a manifest's ConfigMaps `istio-sidecar-injector` and `istio`
 * in `namespace` (default istio-system); throws when either is missing or invalid.
 */
export function injectorStateOf(objects: KubeObject[], namespace = 'istio-system'): InjectorState {
  const data = (name: string): Record<string, string> => {
    const cm = objects.find(
      (o) =>
        o.kind === 'ConfigMap' && o.metadata.name === name && o.metadata.namespace === namespace
    )
    if (!cm)
      throw new Error(`failed to read injector state: ConfigMap ${namespace}/${name} not found`)
    return (cm['data'] ?? {}) as Record<string, string>
  }
  return {
    config: parseInjectorConfigMap(data('istio-sidecar-injector')),
    mesh: parseMeshConfigMap(data('istio')),
  }
}
