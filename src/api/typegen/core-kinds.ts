/** The kinds src/api/core-types.ts declares, and the definitions it maps to hand-written types. */

/** The definitions whose types are generated, with everything they reference. */
export const CORE_KINDS: readonly string[] = [
  'io.k8s.api.core.v1.Pod',
  'io.k8s.api.core.v1.Node',
  'io.k8s.api.core.v1.Service',
  'io.k8s.api.core.v1.Endpoints',
  'io.k8s.api.core.v1.Namespace',
  'io.k8s.api.core.v1.ConfigMap',
  'io.k8s.api.core.v1.Secret',
  'io.k8s.api.core.v1.ServiceAccount',
  'io.k8s.api.core.v1.Event',
  'io.k8s.api.apps.v1.Deployment',
  'io.k8s.api.apps.v1.ReplicaSet',
  'io.k8s.api.apps.v1.StatefulSet',
  'io.k8s.api.apps.v1.DaemonSet',
  'io.k8s.api.batch.v1.Job',
]

/** A definition the generator does not walk: its TypeScript type is given here. */
export interface MappedDefinition {
  /** The TypeScript type fields of this definition get. */
  type: string
  /** When set, the generated file declares `export type <type> = <alias>` with this doc line. */
  alias?: { of: string; doc: string }
  /** When set, the generated file imports the type from ./types.js (hand-written there). */
  imported?: boolean
}

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1'

/** Definitions with a JSON form other than their schema's, or already typed in ./types.ts. */
export const MAPPED_DEFINITIONS: Readonly<Record<string, MappedDefinition>> = {
  [`${META}.ObjectMeta`]: { type: 'ObjectMeta', imported: true },
  [`${META}.Time`]: {
    type: 'Time',
    alias: {
      of: 'string | null',
      doc: 'A time as metav1.Time writes it: RFC 3339, whole seconds; null for the zero time.',
    },
  },
  [`${META}.MicroTime`]: {
    type: 'MicroTime',
    alias: {
      of: 'string | null',
      doc: 'A time as metav1.MicroTime writes it: RFC 3339, microseconds; null for the zero time.',
    },
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    type: 'IntOrString',
    alias: { of: 'number | string', doc: 'A port number or name, a count or a percentage.' },
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    type: 'Quantity',
    alias: {
      of: 'string | number',
      doc: 'A quantity (`100m`, `1Gi`); the API writes a string, manifests may hold a number.',
    },
  },
}
