import { isObject, type KubeObject } from '../api/types.js'
import type { KubeClient, ResourceRef } from '../client/index.js'
import { isNotFound } from './object-util.js'

const ns = (apiVersion: string, resource: string): ResourceRef => ({
  apiVersion,
  resource,
  namespaced: true,
})

/**
 * The built-in namespaced resources the namespace controller empties, each with the versions
 * that served it over 1.11 … 1.33 (the first one a server answers is used). kube-controller-manager
 * asks discovery instead; a fixed list keeps the controller a plain API client. Resources that
 * share storage (extensions/v1beta1 Deployments) are listed once.
 */
export const NAMESPACED_RESOURCES: ResourceRef[][] = [
  [ns('apps/v1', 'deployments')],
  [ns('apps/v1', 'daemonsets')],
  [ns('apps/v1', 'statefulsets')],
  [ns('apps/v1', 'replicasets')],
  [ns('apps/v1', 'controllerrevisions')],
  [ns('batch/v1', 'cronjobs'), ns('batch/v1beta1', 'cronjobs')],
  [ns('batch/v1', 'jobs')],
  [ns('autoscaling/v1', 'horizontalpodautoscalers')],
  [ns('policy/v1', 'poddisruptionbudgets'), ns('policy/v1beta1', 'poddisruptionbudgets')],
  [
    ns('networking.k8s.io/v1', 'ingresses'),
    ns('networking.k8s.io/v1beta1', 'ingresses'),
    ns('extensions/v1beta1', 'ingresses'),
  ],
  [ns('networking.k8s.io/v1', 'networkpolicies')],
  [ns('rbac.authorization.k8s.io/v1', 'rolebindings')],
  [ns('rbac.authorization.k8s.io/v1', 'roles')],
  [ns('coordination.k8s.io/v1', 'leases'), ns('coordination.k8s.io/v1beta1', 'leases')],
  [ns('v1', 'replicationcontrollers')],
  [ns('v1', 'pods')],
  [ns('v1', 'services')],
  [ns('v1', 'endpoints')],
  [ns('v1', 'configmaps')],
  [ns('v1', 'secrets')],
  [ns('v1', 'serviceaccounts')],
  [ns('v1', 'persistentvolumeclaims')],
  [ns('v1', 'limitranges')],
  [ns('v1', 'resourcequotas')],
  [ns('v1', 'podtemplates')],
  [ns('v1', 'events')],
]

const CRDS: ResourceRef[] = [
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    resource: 'customresourcedefinitions',
    namespaced: false,
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    resource: 'customresourcedefinitions',
    namespaced: false,
  },
]

/** Returns the served version of a CRD (the storage one if served, else the first served). */
function crdVersion(spec: Record<string, unknown>): string | undefined {
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : []
  const served = versions.filter((v) => v.served !== false)
  const v = served.find((x) => x.storage === true) ?? served[0]
  if (v && typeof v.name === 'string') return v.name
  return typeof spec.version === 'string' ? spec.version : undefined
}

/** Returns a ref for each namespaced custom resource of the cluster's CRDs (none if CRDs are not served). */
export async function customResourceRefs(client: KubeClient): Promise<ResourceRef[]> {
  for (const ref of CRDS) {
    let items: KubeObject[]
    try {
      items = (await client.list(ref)).items
    } catch (err) {
      if (isNotFound(err)) continue
      throw err
    }
    const out: ResourceRef[] = []
    for (const crd of items) {
      const spec = isObject(crd.spec) ? crd.spec : {}
      const names = isObject(spec.names) ? spec.names : {}
      const version = crdVersion(spec)
      if (
        spec.scope !== 'Namespaced' ||
        typeof spec.group !== 'string' ||
        typeof names.plural !== 'string' ||
        !version
      )
        continue
      out.push(ns(`${spec.group}/${version}`, names.plural))
    }
    return out
  }
  return []
}
