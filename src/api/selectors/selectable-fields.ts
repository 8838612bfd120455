import { isObject, type KubeObject } from '../types.js'

// What kube-apiserver lets a fieldSelector name, per resource: the field label conversion funcs
// (pkg/apis/*/v*/conversion.go) decide what is accepted, and ToSelectableFields/GetAttrs
// (pkg/registry/*/strategy.go) what values an object has. `since` is the first 1.x minor that
// accepts a field; the version of `reportingComponent` is approximate.

interface FieldSpec {
  name: string
  since?: number
  read: (o: KubeObject) => string
}

const META: FieldSpec[] = [
  { name: 'metadata.name', read: (o) => o.metadata.name ?? '' },
  { name: 'metadata.namespace', read: (o) => o.metadata.namespace ?? '' },
]

function at(o: unknown, ...path: string[]): unknown {
  let cur = o
  for (const p of path) cur = isObject(cur) ? cur[p] : undefined
  return cur
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

function int(v: unknown): string {
  return typeof v === 'number' ? String(Math.trunc(v)) : '0'
}

function bool(v: unknown): string {
  return v === true ? 'true' : 'false'
}

function field(name: string, read: (o: KubeObject) => string, since?: number): FieldSpec {
  return since === undefined ? { name, read } : { name, read, since }
}

function podIP(o: KubeObject): string {
  const ip = str(at(o, 'status', 'podIP'))
  const ips = at(o, 'status', 'podIPs')
  return ip !== '' || !Array.isArray(ips) ? ip : str(at(ips[0], 'ip'))
}

// Events from events.k8s.io carry `regarding` and `deprecatedSource` instead of the core names.
function involved(o: KubeObject, key: string): string {
  return str(at(o, 'involvedObject', key) ?? at(o, 'regarding', key))
}

function eventSource(o: KubeObject): string {
  const component = str(at(o, 'source', 'component') ?? at(o, 'deprecatedSource', 'component'))
  return component !== '' ? component : str(o.reportingController)
}

const INVOLVED = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']

/** Keyed by plural resource, or by `resource.group` where one group differs from the others. */
const SPECIFIC: Record<string, FieldSpec[]> = {
  pods: [
    ...META,
    field('spec.nodeName', (o) => str(at(o, 'spec', 'nodeName'))),
    field('spec.restartPolicy', (o) => str(at(o, 'spec', 'restartPolicy'))),
    field('spec.schedulerName', (o) => str(at(o, 'spec', 'schedulerName'))),
    field('spec.serviceAccountName', (o) => str(at(o, 'spec', 'serviceAccountName'))),
    field('spec.hostNetwork', (o) => bool(at(o, 'spec', 'hostNetwork')), 28),
    field('status.phase', (o) => str(at(o, 'status', 'phase'))),
    field('status.podIP', podIP),
    field('status.nominatedNodeName', (o) => str(at(o, 'status', 'nominatedNodeName'))),
  ],
  events: [
    ...META,
    ...INVOLVED.map((k) => field(`involvedObject.${k}`, (o) => involved(o, k))),
    field('reason', (o) => str(o.reason)),
    field('reportingComponent', (o) => str(o.reportingController), 19),
    field('source', eventSource),
    field('type', (o) => str(o.type)),
  ],
  secrets: [...META, field('type', (o) => str(o.type))],
  services: [
    ...META,
    field('spec.clusterIP', (o) => str(at(o, 'spec', 'clusterIP')), 30),
    field('spec.type', (o) => str(at(o, 'spec', 'type')), 31),
  ],
  nodes: [META[0]!, field('spec.unschedulable', (o) => bool(at(o, 'spec', 'unschedulable')))],
  namespaces: [META[0]!, field('status.phase', (o) => str(at(o, 'status', 'phase')))],
  replicationcontrollers: [
    ...META,
    field('status.replicas', (o) => int(at(o, 'status', 'replicas'))),
  ],
  'replicasets.extensions': [
    ...META,
    field('status.replicas', (o) => int(at(o, 'status', 'replicas'))),
  ],
  jobs: [...META, field('status.successful', (o) => int(at(o, 'status', 'succeeded')))],
  certificatesigningrequests: [
    ...META,
    field('spec.signerName', (o) => str(at(o, 'spec', 'signerName')), 18),
  ],
}

/** Which API a field question is about: the resource's group and the server's 1.x minor version. */
export interface FieldScope {
  group?: string
  /** Kubernetes 1.x minor version; fields added later are not supported. Default: all fields. */
  minor?: number
}

function specsOf(resource: string, group: string): FieldSpec[] {
  return SPECIFIC[`${resource}.${group}`] ?? SPECIFIC[resource] ?? META
}

/** Returns the field labels kube-apiserver accepts in a fieldSelector for a resource (plural name). */
export function supportedFields(resource: string, scope: FieldScope = {}): string[] {
  return specsOf(resource, scope.group ?? '')
    .filter((f) => scope.minor === undefined || f.since === undefined || scope.minor >= f.since)
    .map((f) => f.name)
}

/** Returns a predicate for parseFieldSelector that accepts the supported fields of a resource. */
export function fieldSupport(resource: string, scope: FieldScope = {}): (field: string) => boolean {
  const names = new Set(supportedFields(resource, scope))
  return (f) => names.has(f)
}

/** Returns the field set an object exposes to field selectors (every value a string). */
export function fieldsOf(resource: string, obj: KubeObject, group = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of [...META, ...specsOf(resource, group)]) out[f.name] = f.read(obj)
  return out
}
