import { readdirSync, readFileSync } from 'node:fs'
import protobuf from 'protobufjs'

// apimachinery's messages are declared by hand under ./proto; the API groups' messages are
// generated under ./proto/api (scripts/gen-protobuf-schema.ts). Parse order does not matter.
const APIMACHINERY_FILES = ['runtime', 'intstr', 'resource', 'meta']
const API_DIR = new URL('./proto/api/', import.meta.url)

const META_V1 = 'k8s.io.apimachinery.pkg.apis.meta.v1'
const OBJECT_META = `.${META_V1}.ObjectMeta`
// Request bodies that carry only TypeMeta (posted to deployments/rollback before 1.16).
const TYPE_META_ONLY = new Set(['DeploymentRollback'])

/** The fully qualified name of the runtime.Unknown envelope message. */
export const UNKNOWN_MESSAGE = 'k8s.io.apimachinery.pkg.runtime.Unknown'

let cachedRoot: protobuf.Root | undefined

/** Returns the protobufjs root with the lab's message declarations, parsed on first use. */
export function loadSchema(): protobuf.Root {
  if (cachedRoot) return cachedRoot
  const root = new protobuf.Root()
  const sources = [
    ...APIMACHINERY_FILES.map((n) => new URL(`./proto/${n}.proto`, import.meta.url)),
    ...readdirSync(API_DIR)
      .filter((n) => n.endsWith('.proto'))
      .sort()
      .map((n) => new URL(n, API_DIR)),
  ]
  for (const url of sources) {
    try {
      protobuf.parse(readFileSync(url, 'utf8'), root, { keepCase: true })
    } catch (err) {
      throw new Error(`failed to parse ${url.pathname}`, { cause: err })
    }
  }
  root.resolveAll()
  cachedRoot = root
  return root
}

/**
 * Returns the protobuf package of an API group version (`apps/v1` → `k8s.io.api.apps.v1`), as
 * the Kubernetes sources name them.
 */
export function packageOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/')
  const group = slash < 0 ? '' : apiVersion.slice(0, slash)
  const version = apiVersion.slice(slash + 1)
  if (group === '') return `k8s.io.api.core.${version}`
  if (group === 'apiextensions.k8s.io') {
    return `k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.${version}`
  }
  if (group === 'apiregistration.k8s.io') {
    return `k8s.io.kube_aggregator.pkg.apis.apiregistration.${version}`
  }
  const short = group.replace(/\.k8s\.io$/, '').replace(/^rbac\.authorization$/, 'rbac')
  return `k8s.io.api.${short}.${version}`
}

/** Returns the message name for a group/version/kind, or undefined when the lab cannot decode it. */
export function messageNameFor(apiVersion: string, kind: string): string | undefined {
  // metav1.AddToGroupVersion registers DeleteOptions in every group version, so clients send it
  // as `v1`, `meta.k8s.io/v1` or the group of the resource being deleted.
  if (kind === 'DeleteOptions' && apiVersion !== '') return `${META_V1}.DeleteOptions`
  if (apiVersion === '' || !/^[A-Z]\w*$/.test(kind)) return undefined
  const name = `${packageOf(apiVersion)}.${kind}`
  const type = loadSchema().lookup(name)
  // Only top-level objects (with ObjectMeta) are bodies; a nested message such as PodSpec is not.
  if (!(type instanceof protobuf.Type)) return undefined
  const meta = type.fields['metadata']
  return meta?.type === OBJECT_META || TYPE_META_ONLY.has(kind) ? name : undefined
}
