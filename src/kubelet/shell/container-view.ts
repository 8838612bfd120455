import type {
  ConfigMap,
  Container,
  EnvVarSource,
  KeyToPath,
  Node,
  Pod,
  PodSpec,
  Quantity,
  Secret,
  Service,
  ServiceAccount,
} from '../../api/core-types.js'
import { objectField, objectItems, type KubeObject } from '../../api/types.js'
import { Refs, type KubeClient, type ResourceRef } from '../../client/index.js'
import type { Mount } from './container-fs.js'
import { MemFs } from './mem-fs.js'
import { resourceFieldValue } from './resource-field.js'

/** A ConfigMap or a Secret: dataOf reads the key fields of either. */
type KeyData = ConfigMap & Secret
const ref = (resource: string): ResourceRef => ({ apiVersion: 'v1', resource, namespaced: true })
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount'

async function getOr<T extends KubeObject>(
  client: KubeClient,
  r: string,
  name: string,
  ns: string
): Promise<T | undefined> {
  try {
    return await client.get<T>(ref(r), name, ns)
  } catch {
    return undefined // a missing ConfigMap or Secret leaves its keys out, as an optional reference does
  }
}

/** Returns a ConfigMap's or Secret's data as bytes per key. */
function dataOf(obj: KeyData | undefined, secret: boolean): Record<string, Buffer> {
  const out: Record<string, Buffer> = {}
  if (!obj) return out
  for (const [k, v] of Object.entries(objectField(obj.data) ?? {}))
    out[k] = Buffer.from(String(v), secret ? 'base64' : 'utf8')
  const binaryData = objectField(obj.binaryData)
  if (!secret && binaryData)
    for (const [k, v] of Object.entries(binaryData)) out[k] = Buffer.from(String(v), 'base64')
  const stringData = objectField(obj.stringData)
  if (secret && stringData)
    for (const [k, v] of Object.entries(stringData)) out[k] = Buffer.from(String(v))
  return out
}

/** Returns the allocatable resources of a pod's node (none when it cannot be read). */
async function nodeAllocatable(
  client: KubeClient,
  nodeName: string | undefined
): Promise<Record<string, Quantity>> {
  if (!nodeName) return {}
  try {
    const node = await client.get<Node>(Refs.nodes, nodeName)
    return objectField(node.status?.allocatable) ?? {}
  } catch {
    return {} // without its node the limits left unset read as zero, as with no allocatable
  }
}

/** Reads a downward-API field path of a pod (`metadata.name`, `metadata.labels['app']`, `status.podIP`). */
export function fieldOf(pod: Pod, path: string, podIP: string, hostIP: string): string {
  const m = /^metadata\.(labels|annotations)(?:\['(.+)'\])?$/.exec(path)
  if (m) {
    const map = (pod.metadata[m[1] as 'labels'] ?? {}) as Record<string, string>
    if (m[2] !== undefined) return map[m[2]] ?? ''
    return Object.entries(map)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v}"`)
      .join('\n')
  }
  const spec: PodSpec = pod.spec ?? {}
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name ?? ''
    case 'metadata.namespace':
      return pod.metadata.namespace ?? ''
    case 'metadata.uid':
      return pod.metadata.uid ?? ''
    case 'spec.nodeName':
      return String(spec.nodeName ?? '')
    case 'spec.serviceAccountName':
      return String(spec.serviceAccountName ?? 'default')
    case 'status.podIP':
      return podIP
    case 'status.hostIP':
      return hostIP
  }
  return ''
}

/** What a container's view is built from. */
export interface ViewSource {
  client: KubeClient
  pod: Pod
  container: Container
  podIP: string
  hostIP: string
  /** Writable pod-level volumes (emptyDir, hostPath, claims) by volume name, shared by its containers. */
  podVolumes: Map<string, MemFs>
}

/** Service environment variables (`FOO_SERVICE_HOST`, `FOO_PORT_80_TCP`, …) of a namespace's Services. */
async function serviceEnv(client: KubeClient, ns: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const add = (svc: Service) => {
    const ip = String(svc.spec?.clusterIP ?? '')
    if (!ip || ip === 'None') return
    const name = (svc.metadata.name ?? '').toUpperCase().replace(/-/g, '_')
    const ports = objectItems(svc.spec?.ports)
    if (!ports[0]) return
    out[`${name}_SERVICE_HOST`] = ip
    out[`${name}_SERVICE_PORT`] = String(ports[0].port)
    out[`${name}_PORT`] =
      `${String(ports[0].protocol ?? 'TCP').toLowerCase()}://${ip}:${String(ports[0].port)}`
    for (const p of ports) {
      const proto = String(p.protocol ?? 'TCP')
      const key = `${name}_PORT_${String(p.port)}_${proto}`
      if (p.name)
        out[`${name}_SERVICE_PORT_${String(p.name).toUpperCase().replace(/-/g, '_')}`] = String(
          p.port
        )
      out[key] = `${proto.toLowerCase()}://${ip}:${String(p.port)}`
      out[`${key}_PROTO`] = proto.toLowerCase()
      out[`${key}_PORT`] = String(p.port)
      out[`${key}_ADDR`] = ip
    }
  }
  try {
    const svcs = await client.list<Service>(ref('services'), { namespace: ns })
    svcs.items.forEach(add)
    if (ns !== 'default') {
      const k = await getOr<Service>(client, 'services', 'kubernetes', 'default')
      if (k) add(k)
    }
  } catch {
    // Without the Service list the container still runs; it just lacks the service variables.
  }
  return out
}

/** Returns the environment a container's processes see (as the kubelet builds it, in its order). */
export async function containerEnv(v: ViewSource): Promise<Record<string, string>> {
  const ns = v.pod.metadata.namespace ?? ''
  const spec: PodSpec = v.pod.spec ?? {}
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: String(spec.hostname ?? v.pod.metadata.name ?? ''),
  }
  if (spec.enableServiceLinks !== false) Object.assign(env, await serviceEnv(v.client, ns))
  for (const from of objectItems(v.container.envFrom)) {
    const prefix = String(from.prefix ?? '')
    const cm = objectField(from.configMapRef)
    const obj = cm ?? objectField(from.secretRef)
    if (!obj) continue
    const data = dataOf(
      await getOr<KeyData>(v.client, cm ? 'configmaps' : 'secrets', String(obj.name), ns),
      !cm
    )
    for (const [k, b] of Object.entries(data)) env[prefix + k] = b.toString()
  }
  let allocatable: Promise<Record<string, Quantity>> | undefined
  for (const e of objectItems(v.container.env)) {
    const name = String(e.name)
    if (e.value !== undefined) {
      env[name] = String(e.value).replace(
        /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
        (m, k: string) => env[k] ?? m
      )
      continue
    }
    const from: EnvVarSource = e.valueFrom ?? {}
    const fieldRef = objectField(from.fieldRef)
    const secretRef = objectField(from.secretKeyRef)
    const keyRef = objectField(from.configMapKeyRef) ?? secretRef
    const resourceRef = objectField(from.resourceFieldRef)
    if (fieldRef) env[name] = fieldOf(v.pod, String(fieldRef.fieldPath), v.podIP, v.hostIP)
    else if (keyRef) {
      const r = secretRef ?? keyRef
      const data = dataOf(
        await getOr<KeyData>(v.client, secretRef ? 'secrets' : 'configmaps', String(r.name), ns),
        secretRef !== undefined
      )
      const b = data[String(r.key)]
      if (b) env[name] = b.toString()
    } else if (resourceRef) {
      const target = resourceRef.containerName
        ? objectItems(spec.containers).find((c) => c.name === resourceRef.containerName)
        : v.container
      allocatable ??= nodeAllocatable(v.client, spec.nodeName)
      const value = target && resourceFieldValue(resourceRef, target, await allocatable)
      if (value !== undefined) env[name] = value
    }
  }
  env.HOME = env.HOME ?? '/root'
  return env
}

/** Returns the volumes mounted into a container, with their current contents read through the API. */
export async function containerMounts(
  v: ViewSource
): Promise<{ mounts: Mount[]; files: [string, Buffer][] }> {
  const single: [string, Buffer][] = []
  const ns = v.pod.metadata.namespace ?? ''
  const spec: PodSpec = v.pod.spec ?? {}
  const volumes = new Map(objectItems(spec.volumes).map((vol) => [String(vol.name), vol]))
  const mounts: Mount[] = []
  const files = (entries: Record<string, Buffer>, items: KeyToPath[], mode: number): MemFs => {
    const fs = new MemFs()
    const chosen = items.length
      ? items
          .filter((i) => entries[String(i.key)])
          .map((i) => [String(i.path), entries[String(i.key)]!] as const)
      : Object.entries(entries)
    for (const [p, data] of chosen) {
      const parts = p.split('/')
      if (parts.length > 1) fs.mkdir(`/${parts.slice(0, -1).join('/')}`, true)
      fs.write(`/${p}`, data, { mode })
    }
    return fs
  }
  // A config map or secret volume: its keys (or the listed items) as files.
  const keyFiles = async (
    source: { items?: readonly KeyToPath[]; defaultMode?: number },
    resource: string,
    name: unknown
  ) => {
    const obj = await getOr<KeyData>(v.client, resource, String(name), ns)
    const data = dataOf(obj, resource === 'secrets')
    return files(data, objectItems(source.items), Number(source.defaultMode ?? 0o644))
  }
  for (const m of objectItems(v.container.volumeMounts)) {
    const vol = volumes.get(String(m.name))
    if (!vol) continue
    const path = String(m.mountPath)
    let fs: MemFs | undefined
    let readOnly = m.readOnly === true
    const configMap = objectField(vol.configMap)
    const secret = objectField(vol.secret)
    const downwardAPI = objectField(vol.downwardAPI)
    if (configMap) {
      fs = await keyFiles(configMap, 'configmaps', configMap.name)
      readOnly = true
    } else if (secret) {
      fs = await keyFiles(secret, 'secrets', secret.secretName)
      readOnly = true
    } else if (downwardAPI) {
      const data: Record<string, Buffer> = {}
      for (const i of objectItems(downwardAPI.items)) {
        const fieldRef = objectField(i.fieldRef)
        if (fieldRef)
          data[String(i.path)] = Buffer.from(
            fieldOf(v.pod, String(fieldRef.fieldPath), v.podIP, v.hostIP)
          )
      }
      fs = files(data, [], 0o644)
      readOnly = true
    } else {
      // emptyDir, hostPath, persistentVolumeClaim and the rest: writable, shared by the pod's containers.
      fs = v.podVolumes.get(String(m.name)) ?? new MemFs()
      v.podVolumes.set(String(m.name), fs)
    }
    if (m.subPath) {
      const sub = String(m.subPath)
      const st = fs.stat(`/${sub}`)
      if (st?.type === 'file') {
        single.push([path, fs.read(`/${sub}`)])
        continue
      }
      if (!st) fs.mkdir(`/${sub}`, true)
      mounts.push({ path, fs: subTree(fs, `/${sub}`), readOnly })
      continue
    }
    mounts.push({ path, fs, readOnly })
  }
  if (spec.automountServiceAccountToken !== false && !mounts.some((m) => m.path === SA_DIR)) {
    const sa = await getOr<ServiceAccount>(
      v.client,
      'serviceaccounts',
      String(spec.serviceAccountName ?? 'default'),
      ns
    )
    const secretName = objectItems(sa?.secrets)[0]?.name
    const secret = secretName
      ? await getOr<KeyData>(v.client, 'secrets', String(secretName), ns)
      : undefined
    if (secret)
      mounts.push({ path: SA_DIR, fs: files(dataOf(secret, true), [], 0o644), readOnly: true })
  }
  return { mounts, files: single }
}

/** A copy of a directory of a volume, for a subPath mount. */
function subTree(fs: MemFs, dir: string): MemFs {
  const out = new MemFs()
  const walk = (from: string, to: string) => {
    for (const n of fs.readdir(from)) {
      const st = fs.stat(`${from}/${n}`)
      if (st?.type === 'dir') {
        out.mkdir(`${to}/${n}`, true)
        walk(`${from}/${n}`, `${to}/${n}`)
      } else out.write(`${to}/${n}`, fs.read(`${from}/${n}`))
    }
  }
  walk(dir, '')
  return out
}
