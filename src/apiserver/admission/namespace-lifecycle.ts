import { forbidden, notFound } from '../../api/errors.js'
import type { KubeObject } from '../../api/types.js'
import type { AdmissionAttributes, MutatingPlugin } from './admission-chain.js'

/**
 * Creates kube-apiserver's NamespaceLifecycle admission plugin: an object is created only in a
 * namespace that exists (404) and is not being deleted (403, naming the resource being created).
 * It runs first in the chain, so it refuses before any webhook sees the object.
 */
export function namespaceLifecycle(
  getNamespace: (name: string) => KubeObject | undefined
): MutatingPlugin {
  return {
    name: 'NamespaceLifecycle',
    admit: async (a: AdmissionAttributes) => {
      if (a.operation !== 'CREATE' || !a.info.namespaced || a.subresource) return a.object
      const ns = getNamespace(a.namespace)
      if (!ns) throw notFound({ group: '', resource: 'namespaces' }, a.namespace)
      if (ns.metadata.deletionTimestamp) {
        throw forbidden(
          { group: a.info.group, resource: a.info.resource },
          a.name,
          `unable to create new content in namespace ${a.namespace} because it is being terminated`
        )
      }
      return a.object
    },
  }
}
