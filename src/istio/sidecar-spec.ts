import { createHash } from 'node:crypto'
import { parse } from 'yaml'
import { isObject, type JsonObject, type ObjectMeta } from '../api/types.js'
import { formatGoDuration, parseGoDuration } from './go-duration.js'
import { parseGoTemplate } from './go-template.js'
import { GoEnum } from './go-template-values.js'
import { formatInjectionStatus } from './injection-status.js'
import { MESH_ENUMS, type MeshConfig, type ProxyConfig } from './mesh-config.js'

/** What the template adds to a pod (`SidecarInjectionSpec` in Istio 1.0). */
export interface SidecarInjectionSpec {
  initContainers: JsonObject[]
  containers: JsonObject[]
  volumes: JsonObject[]
  imagePullSecrets: JsonObject[]
}

/** A rendered sidecar: the objects to add and the status annotation value naming them. */
export interface RenderedSidecar {
  spec: SidecarInjectionSpec
  status: string
}

/** The injector template's delimiters in Istio 1.0 (`sidecarTemplateDelimBegin/End`). */
export const TEMPLATE_DELIMS: [string, string] = ['[[', ']]']

/** Functions the Istio 1.0.0 injector adds to the template (`injectionData` in inject.go). */
const INJECT_FUNCS = {
  formatDuration: (d: unknown) => formatGoDuration(typeof d === 'string' ? parseGoDuration(d) : 0),
  isset: (m: unknown, key: unknown) =>
    isObject(m) && Object.prototype.hasOwnProperty.call(m, String(key)),
}

/** Container fields of corev1.Container (1.11); others (e.g. the template's restartPolicy) are dropped. */
const CONTAINER_FIELDS = new Set([
  'name',
  'image',
  'command',
  'args',
  'workingDir',
  'ports',
  'envFrom',
  'env',
  'resources',
  'volumeMounts',
  'volumeDevices',
  'livenessProbe',
  'readinessProbe',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'imagePullPolicy',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
])

/** Fields of corev1.SecurityContext (1.11). The 1.0.0 template's whitespace trimming puts
 * `restartPolicy: Always` inside istio-proxy's securityContext, where Go's decoder drops it. */
const SECURITY_CONTEXT_FIELDS = new Set([
  'capabilities',
  'privileged',
  'seLinuxOptions',
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'readOnlyRootFilesystem',
  'allowPrivilegeEscalation',
  'procMount',
])

/** Returns the template version: the hex SHA-256 of the unexpanded template text. */
export function sidecarTemplateVersionHash(template: string): string {
  return createHash('sha256').update(template).digest('hex')
}

/**
 * Returns the sidecar rendered for a pod (`injectionData` in Istio 1.0.0): the template executed
 * against {ObjectMeta, Spec, ProxyConfig, MeshConfig}, decoded as YAML into Go container types.
 */
export function renderSidecar(
  template: string,
  metadata: ObjectMeta | undefined,
  podSpec: unknown,
  mesh: MeshConfig
): RenderedSidecar {
  const parsedTemplate = parseGoTemplate(template, {
    name: 'inject',
    delims: TEMPLATE_DELIMS,
    funcs: INJECT_FUNCS,
  })
  const text = parsedTemplate.execute({
    ObjectMeta: metadata ?? {},
    Spec: podSpec ?? {},
    ProxyConfig: goEnums(mesh.defaultConfig),
    MeshConfig: { ...goEnums(mesh), defaultConfig: goEnums(mesh.defaultConfig) },
  })
  let doc: unknown
  try {
    doc = parse(text, { version: '1.1' }) ?? {}
  } catch (err) {
    throw new Error(`failed to decode the rendered sidecar template: ${(err as Error).message}`, {
      cause: err,
    })
  }
  if (!isObject(doc))
    throw new Error('failed to decode the rendered sidecar template: not a YAML map')
  const spec: SidecarInjectionSpec = {
    initContainers: list(doc, 'initContainers').map(toContainer),
    containers: list(doc, 'containers').map(toContainer),
    volumes: list(doc, 'volumes'),
    imagePullSecrets: list(doc, 'imagePullSecrets'),
  }
  const names = (l: JsonObject[]) => l.map((o) => String(o['name'] ?? ''))
  const status = formatInjectionStatus({
    version: sidecarTemplateVersionHash(template),
    initContainers: names(spec.initContainers),
    containers: names(spec.containers),
    volumes: names(spec.volumes),
    imagePullSecrets: names(spec.imagePullSecrets),
  })
  return { spec, status }
}

/** Returns a copy of a config whose enum fields are Go enums (printable, with `.String`). */
function goEnums<T extends ProxyConfig | MeshConfig>(config: T): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config }
  for (const [key, names] of Object.entries(MESH_ENUMS)) {
    const v = out[key]
    if (typeof v === 'string') out[key] = new GoEnum(v, names.indexOf(v))
  }
  return out
}

/** Returns the list under a key of the decoded spec, as `[]T` (missing or null is empty). */
function list(doc: Record<string, unknown>, key: string): JsonObject[] {
  const v = doc[key]
  if (v === undefined || v === null) return []
  if (!Array.isArray(v) || !v.every(isObject)) {
    throw new Error(
      `failed to decode the rendered sidecar template: ${key} must be a list of objects`
    )
  }
  return v as JsonObject[]
}

/** Returns a container as Go's corev1.Container would hold it: known fields, string args/env. */
function toContainer(c: JsonObject): JsonObject {
  const out: JsonObject = {}
  for (const [k, v] of Object.entries(c)) if (CONTAINER_FIELDS.has(k)) out[k] = v
  const sc = out['securityContext']
  if (isObject(sc)) {
    out['securityContext'] = Object.fromEntries(
      Object.entries(sc).filter(([k]) => SECURITY_CONTEXT_FIELDS.has(k))
    )
  }
  for (const key of ['command', 'args']) {
    const v = out[key]
    if (Array.isArray(v)) out[key] = v.map(goString)
  }
  if (Array.isArray(out['env'])) {
    out['env'] = out['env'].map((e) =>
      isObject(e) && 'value' in e ? { ...e, value: goString(e['value'] ?? null) } : e
    )
  }
  // Go marshals the zero ResourceRequirements struct as {}, so the injected objects carry it.
  if (out['resources'] === undefined || out['resources'] === null) out['resources'] = {}
  return out
}

/** Returns a YAML scalar as a Go string field receives it (null becomes ""). */
function goString(v: unknown): string {
  if (v === null || v === undefined) return ''
  return typeof v === 'object' ? JSON.stringify(v) : String(v)
}
