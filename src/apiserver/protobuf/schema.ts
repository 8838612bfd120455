import { readFileSync } from 'node:fs'
import protobuf from 'protobufjs'

// Parse order does not matter (resolveAll runs last); the list is every file under ./proto.
const PROTO_FILES = [
  'runtime',
  'intstr',
  'resource',
  'meta',
  'core',
  'pod',
  'apps',
  'authorization',
]

const META_V1 = 'k8s.io.apimachinery.pkg.apis.meta.v1'

/** The protobuf message of each supported `apiVersion/kind` (DeleteOptions is handled apart). */
const KIND_MESSAGES: Readonly<Record<string, string>> = {
  'v1/Namespace': 'k8s.io.api.core.v1.Namespace',
  'v1/Secret': 'k8s.io.api.core.v1.Secret',
  'v1/ConfigMap': 'k8s.io.api.core.v1.ConfigMap',
  'v1/ServiceAccount': 'k8s.io.api.core.v1.ServiceAccount',
  'apps/v1/Deployment': 'k8s.io.api.apps.v1.Deployment',
  'authorization.k8s.io/v1/SelfSubjectAccessReview':
    'k8s.io.api.authorization.v1.SelfSubjectAccessReview',
}

/** The fully qualified name of the runtime.Unknown envelope message. */
export const UNKNOWN_MESSAGE = 'k8s.io.apimachinery.pkg.runtime.Unknown'

let cachedRoot: protobuf.Root | undefined

/** Returns the protobufjs root with the lab's message declarations, parsed on first use. */
export function loadSchema(): protobuf.Root {
  if (cachedRoot) return cachedRoot
  const root = new protobuf.Root()
  for (const name of PROTO_FILES) {
    const source = readFileSync(new URL(`./proto/${name}.proto`, import.meta.url), 'utf8')
    protobuf.parse(source, root, { keepCase: true })
  }
  root.resolveAll()
  cachedRoot = root
  return root
}

/** Returns the message name for a group/version/kind, or undefined when the lab cannot decode it. */
export function messageNameFor(apiVersion: string, kind: string): string | undefined {
  // metav1.AddToGroupVersion registers DeleteOptions in every group version, so clients send it
  // as `v1`, `meta.k8s.io/v1` or the group of the resource being deleted.
  if (kind === 'DeleteOptions' && apiVersion !== '') return `${META_V1}.DeleteOptions`
  return Object.hasOwn(KIND_MESSAGES, `${apiVersion}/${kind}`)
    ? KIND_MESSAGES[`${apiVersion}/${kind}`]
    : undefined
}
