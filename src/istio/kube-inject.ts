import { parseAllDocuments, stringify } from 'yaml'
import { deepCopy, isObject, type KubeObject, type ObjectMeta } from '../api/types.js'
import { Annotations } from './annotations.js'
import type { SidecarInjectorConfig } from './injector-config.js'
import type { MeshConfig } from './mesh-config.js'
import { renderSidecar } from './sidecar-spec.js'

/**
 * `istioctl kube-inject` of Istio 1.0.0 (`IntoResourceFile`/`intoObject` in inject.go): it ignores
 * the policy and the `sidecar.istio.io/inject` annotation, skips only hostNetwork pods, appends
 * without removing anything (so it is not idempotent) and writes the status annotation into the
 * pod template. Kinds it does not know pass through unchanged.
 */

/** The objects kube-inject wrote and the messages it printed to stderr. */
export interface KubeInjectResult {
  objects: KubeObject[]
  warnings: string[]
}

type Where = { metadata: string[]; spec: string[] }

const POD_TEMPLATE: Where = {
  metadata: ['spec', 'template', 'metadata'],
  spec: ['spec', 'template', 'spec'],
}

/** Where each kind known to 1.0.0's kube-inject keeps the pod metadata and spec it injects. */
const KINDS: Readonly<Record<string, Where>> = {
  'v1/Pod': { metadata: ['metadata'], spec: ['spec'] },
  'v1/ReplicationController': POD_TEMPLATE,
  'extensions/v1beta1/Deployment': POD_TEMPLATE,
  'extensions/v1beta1/DaemonSet': POD_TEMPLATE,
  'extensions/v1beta1/ReplicaSet': POD_TEMPLATE,
  'apps/v1beta1/Deployment': POD_TEMPLATE,
  'apps/v1beta1/StatefulSet': POD_TEMPLATE,
  'apps/v1beta2/Deployment': POD_TEMPLATE,
  'apps/v1beta2/DaemonSet': POD_TEMPLATE,
  'apps/v1beta2/ReplicaSet': POD_TEMPLATE,
  'apps/v1beta2/StatefulSet': POD_TEMPLATE,
  'apps/v1/Deployment': POD_TEMPLATE,
  'apps/v1/DaemonSet': POD_TEMPLATE,
  'apps/v1/ReplicaSet': POD_TEMPLATE,
  'apps/v1/StatefulSet': POD_TEMPLATE,
  'batch/v1/Job': POD_TEMPLATE,
  // 1.0.0 reads a CronJob's metadata from the job template, not from the pod template.
  'batch/v2alpha1/CronJob': {
    metadata: ['spec', 'jobTemplate', 'metadata'],
    spec: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  },
  'apps.openshift.io/v1/DeploymentConfig': POD_TEMPLATE,
}

/** Returns the objects with a sidecar injected as istioctl 1.0.0 `kube-inject` does. */
export function kubeInject(
  docs: KubeObject[],
  config: SidecarInjectorConfig,
  mesh: MeshConfig
): KubeInjectResult {
  const warnings: string[] = []
  const objects = docs.map((d) => intoObject(d, config.template, mesh, warnings))
  return { objects, warnings }
}

/** Returns kube-inject's output for a multi-document YAML text: each document followed by `---`. */
export function kubeInjectYaml(
  text: string,
  config: SidecarInjectorConfig,
  mesh: MeshConfig
): { output: string; warnings: string[] } {
  const docs: KubeObject[] = []
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`failed to read YAML: ${doc.errors[0]!.message}`)
    const value: unknown = doc.toJS()
    if (value === null || value === undefined) continue
    if (!isObject(value)) throw new Error('failed to read YAML: a document is not an object')
    docs.push(value as KubeObject)
  }
  const { objects, warnings } = kubeInject(docs, config, mesh)
  const output = objects.map((o) => `${stringify(o, { lineWidth: 0 })}---\n`).join('')
  return { output, warnings }
}

/** Returns one object injected (Lists item by item), or unchanged when its kind is unknown. */
function intoObject(
  obj: KubeObject,
  template: string,
  mesh: MeshConfig,
  warnings: string[]
): KubeObject {
  if (obj.kind === 'List' && Array.isArray(obj['items'])) {
    const items = (obj['items'] as KubeObject[]).map((i) =>
      isObject(i) ? intoObject(i, template, mesh, warnings) : i
    )
    return { ...obj, items }
  }
  const where = KINDS[`${obj.apiVersion ?? ''}/${obj.kind ?? ''}`]
  if (!where) return obj
  const out = deepCopy(obj)
  const metadata = ensure(out, where.metadata) as ObjectMeta
  const podSpec = ensure(out, where.spec)
  if (podSpec['hostNetwork'] === true) {
    warnings.push(`Skipping injection because "${metadata.name ?? ''}" has host networking enabled`)
    return out
  }
  const { spec, status } = renderSidecar(template, metadata, podSpec, mesh)
  for (const key of ['initContainers', 'containers', 'volumes', 'imagePullSecrets'] as const) {
    if (spec[key].length === 0) continue
    const current = Array.isArray(podSpec[key]) ? (podSpec[key] as unknown[]) : []
    podSpec[key] = [...current, ...spec[key]]
  }
  metadata.annotations = { ...metadata.annotations, [Annotations.Status]: status }
  return out
}

/** Returns the object at a path, creating empty objects on the way (Go's zero structs). */
function ensure(root: Record<string, unknown>, path: string[]): Record<string, unknown> {
  let cur = root
  for (const key of path) {
    if (!isObject(cur[key])) cur[key] = {}
    cur = cur[key] as Record<string, unknown>
  }
  return cur
}
