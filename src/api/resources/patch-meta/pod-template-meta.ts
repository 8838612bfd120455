import {
  ATOMIC_MAP,
  CONDITIONS,
  mergeBy,
  OBJECT_META,
  rootMeta,
  type PatchMeta,
  type PatchMetaFields,
} from '../../patch/patch-meta.js'
import type { JsonObject } from '../../types.js'

// The patchStrategy/patchMergeKey tags (and the +listType/+listMapKey markers that differ from
// them) of the types several records share: core/v1 PodSpec, Container, PodTemplateSpec, read
// from k8s.io/api core/v1 types.go. Fields not listed behave as untagged: objects merge, lists replace.

/** Returns a ports list merged by `port`, keyed for server-side apply by it and the protocol. */
export function byPortAndProtocol(port: string): PatchMeta {
  return { ...mergeBy(port), listMapKeys: [port, 'protocol'], keyDefaults: { protocol: 'TCP' } }
}

const container: PatchMetaFields = {
  ports: byPortAndProtocol('containerPort'),
  env: mergeBy('name'),
  volumeMounts: mergeBy('mountPath'),
  volumeDevices: mergeBy('devicePath'),
}

/** The metadata of core/v1 PodSpec. */
export const POD_SPEC: PatchMeta = {
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

/** The metadata of core/v1 PodTemplateSpec. */
export const POD_TEMPLATE: PatchMeta = { fields: { metadata: OBJECT_META, spec: POD_SPEC } }

/** What a PodTemplateSpec's Go zero value serializes to. */
export const POD_TEMPLATE_ZERO: JsonObject = {
  metadata: { creationTimestamp: null },
  spec: { containers: null },
}

/** Returns the metadata of a workload whose spec has a pod template and a label selector. */
export function workloadMeta(
  spec: PatchMetaFields = {},
  status: PatchMetaFields = { conditions: CONDITIONS },
  zeroSpec: JsonObject = {}
): PatchMeta {
  return rootMeta(
    {
      spec: { fields: { selector: ATOMIC_MAP, template: POD_TEMPLATE, ...spec } },
      status: { fields: status },
    },
    { spec: { template: POD_TEMPLATE_ZERO, ...zeroSpec }, status: {} }
  )
}
