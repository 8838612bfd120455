import { parseApiVersion, type JsonObject } from '../types.js'
import type { PatchMeta } from './patch-meta.js'

// The patchStrategy/patchMergeKey tags (and the +listType/+listMapKey/+mapType markers that
// differ from them) of the built-in types, for the paths that matter to kubectl and helm. Read
// from k8s.io/api core/v1, apps/v1, batch/v1, admissionregistration/v1 and apimachinery meta/v1
// types.go. Fields not listed here behave as untagged fields: objects merge, lists replace.

type Fields = Record<string, PatchMeta>

const mergeBy = (key: string, fields?: Fields): PatchMeta => ({
  patchStrategy: 'merge',
  patchMergeKey: key,
  ...(fields ? { fields } : {}),
})
const conditions = mergeBy('type')
const atomicMap: PatchMeta = { mapType: 'atomic' }
const byPortAndProtocol = (port: string): PatchMeta => ({
  ...mergeBy(port),
  listMapKeys: [port, 'protocol'],
  keyDefaults: { protocol: 'TCP' },
})

const objectMeta: PatchMeta = {
  fields: { finalizers: { patchStrategy: 'merge' }, ownerReferences: mergeBy('uid') },
}

const container: Fields = {
  ports: byPortAndProtocol('containerPort'),
  env: mergeBy('name'),
  volumeMounts: mergeBy('mountPath'),
  volumeDevices: mergeBy('devicePath'),
}

const podSpec: PatchMeta = {
  fields: {
    containers: mergeBy('name', container),
    initContainers: mergeBy('name', container),
    ephemeralContainers: mergeBy('name', container),
    volumes: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
    imagePullSecrets: mergeBy('name'),
    hostAliases: mergeBy('ip'),
    topologySpreadConstraints: {
      ...mergeBy('topologyKey'),
      listMapKeys: ['topologyKey', 'whenUnsatisfiable'],
    },
    schedulingGates: mergeBy('name'),
    resourceClaims: { patchStrategy: 'merge,retainKeys', patchMergeKey: 'name' },
  },
}

const podTemplate: PatchMeta = { fields: { metadata: objectMeta, spec: podSpec } }
const podTemplateZero = { metadata: { creationTimestamp: null }, spec: { containers: null } }

/** Root metadata of an object whose other top-level fields are `rest`. */
const root = (rest: Fields = {}, zero: JsonObject = {}): PatchMeta => ({
  fields: { metadata: objectMeta, ...rest },
  zero: { metadata: { creationTimestamp: null }, ...zero },
})

/** A workload whose spec carries a pod template and a label selector. */
const workload = (
  spec: Fields = {},
  status: Fields = { conditions },
  zeroSpec: JsonObject = {}
): PatchMeta =>
  root(
    {
      spec: { fields: { selector: atomicMap, template: podTemplate, ...spec } },
      status: { fields: status },
    },
    { spec: { template: podTemplateZero, ...zeroSpec }, status: {} }
  )

const deployment = workload(
  { strategy: { patchStrategy: 'retainKeys' } },
  { conditions },
  { strategy: {} }
)
const cronJob = root(
  {
    spec: {
      fields: {
        jobTemplate: {
          fields: { metadata: objectMeta, spec: { fields: { template: podTemplate } } },
        },
      },
    },
  },
  {
    spec: {
      jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: podTemplateZero } },
    },
    status: {},
  }
)
const webhooks = root({ webhooks: mergeBy('name') })

/** Kind-specific metadata, by `group/Kind` (core group: `/Kind`). */
const BY_KIND: Record<string, PatchMeta> = {
  '/Pod': root(
    {
      spec: podSpec,
      status: { fields: { conditions, podIPs: mergeBy('ip'), hostIPs: mergeBy('ip') } },
    },
    { spec: { containers: null }, status: {} }
  ),
  '/PodTemplate': root({ template: podTemplate }, { template: podTemplateZero }),
  '/ReplicationController': root(
    { spec: { fields: { template: podTemplate } }, status: { fields: { conditions } } },
    { spec: {}, status: {} }
  ),
  '/Service': root(
    {
      spec: { fields: { ports: byPortAndProtocol('port'), selector: atomicMap } },
      status: { fields: { conditions } },
    },
    { spec: {}, status: { loadBalancer: {} } }
  ),
  '/Node': root(
    {
      spec: { fields: { podCIDRs: { patchStrategy: 'merge' } } },
      status: { fields: { conditions, addresses: mergeBy('type') } },
    },
    { spec: {}, status: {} }
  ),
  '/Namespace': root({ status: { fields: { conditions } } }, { spec: {}, status: {} }),
  '/PersistentVolumeClaim': root(
    { status: { fields: { conditions } } },
    { spec: { resources: {} }, status: {} }
  ),
  '/ServiceAccount': root({ secrets: mergeBy('name') }),
  '/ComponentStatus': root({ conditions }),
  'apps/Deployment': deployment,
  'extensions/Deployment': deployment,
  'apps/ReplicaSet': workload(),
  'extensions/ReplicaSet': workload(),
  'apps/StatefulSet': workload({}, { conditions }, { updateStrategy: {} }),
  'apps/DaemonSet': workload({}, { conditions }, { updateStrategy: {} }),
  'extensions/DaemonSet': workload({}, { conditions }, { updateStrategy: {} }),
  'batch/Job': workload({}, { conditions: { ...conditions, listType: 'atomic' } }),
  'batch/CronJob': cronJob,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': webhooks,
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': webhooks,
  'autoscaling/HorizontalPodAutoscaler': root(
    { status: { fields: { conditions } } },
    { spec: {}, status: {} }
  ),
  'policy/PodDisruptionBudget': root(
    { status: { fields: { conditions } } },
    { spec: {}, status: {} }
  ),
}

/** The groups whose types are compiled into kube-apiserver (strategic merge patch works there). */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'extensions',
  'batch',
  'autoscaling',
  'policy',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'authorization.k8s.io',
  'authentication.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'storage.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'events.k8s.io',
  'certificates.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'settings.k8s.io',
  'resource.k8s.io',
  'internal.apiserver.k8s.io',
  'storagemigration.k8s.io',
])

const PLAIN = root()

/**
 * Returns the patch metadata of a built-in type, or undefined for a type kube-apiserver does not
 * compile in (custom resources). For undefined, the server must answer a strategic merge patch
 * with `smpUnsupported()`: 415 UnsupportedMediaType, `the body of the request was in an unknown
 * format - accepted media types include: application/json-patch+json,
 * application/merge-patch+json, application/apply-patch+yaml`. The decision is by API group, so a
 * server that knows better (its catalogue of CRDs) may decide itself.
 */
export function patchMetaFor(apiVersion: string, kind: string): PatchMeta | undefined {
  const { group } = parseApiVersion(apiVersion)
  if (!BUILTIN_GROUPS.has(group)) return undefined
  return BY_KIND[`${group}/${kind}`] ?? PLAIN
}
