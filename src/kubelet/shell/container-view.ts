import { isObject, type KubeObject } from '../../api/types.js'
import type { KubeClient, ResourceRef } from '../../client/index.js'
import type { Mount } from './container-fs.js'
import { MemFs } from './mem-fs.js'

type Obj = Record<string, unknown>
const ref = (resource: string): ResourceRef => ({ apiVersion: 'v1', resource, namespaced: true })
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount'

const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : [])

async function getOr(
  client: KubeClient,
  r: string,
  name: string,
  ns: string
): Promise<KubeObject | undefined> {
  try {
    return await client.get(ref(r), name, ns)
  } catch {
    return undefined // a missing ConfigMap or Secret leaves its keys out, as an optional reference does
  }
}

/** Returns a ConfigMap's or Secret's data as bytes per key. */
function dataOf(obj: KubeObject | undefined, secret: boolean): Record<string, Buffer> {
  const out: Record<string, Buffer> = {}
  if (!obj) return out
  const o = obj as Obj
  for (const [k, v] of Object.entries(isObject(o.data) ? o.data : {}))
    out[k] = Buffer.from(String(v), secret ? 'base64' : 'utf8')
  if (!secret && isObject(o.binaryData))
    for (const [k, v] of Object.entries(o.binaryData)) out[k] = Buffer.from(String(v), 'base64')
  if (secret && isObject(o.stringData))
    for (const [k, v] of Object.entries(o.stringData)) out[k] = Buffer.from(String(v))
  return out
}

/** Reads a downward-API field path of a pod (`metadata.name`, `metadata.labels['app']`, `status.podIP`). */
export function fieldOf(pod: KubeObject, path: string, podIP: string, hostIP: string): string {
  const m = /^metadata\.(labels|annotations)(?:\['(.+)'\])?$/.exec(path)
  if (m) {
    const map = (pod.metadata[m[1] as 'labels'] ?? {}) as Record<string, string>
    if (m[2] !== undefined) return map[m[2]] ?? ''
    return Object.entries(map)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}="${v}"`)
      .join('\n')
  }
  const spec = (isObject(pod.spec) ? pod.spec : {}) as Obj
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
  pod: KubeObject
  container: Obj
  podIP: string
  hostIP: string
  /** Writable pod-level volumes (emptyDir, hostPath, claims) by volume name, shared by its containers. */
  podVolumes: Map<string, MemFs>
}

/** Service environment variables (`FOO_SERVICE_HOST`, `FOO_PORT_80_TCP`, …) of a namespace's Services. */
async function serviceEnv(client: KubeClient, ns: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  const add = (svc: KubeObject) => {
    const spec = (isObject(svc.spec) ? svc.spec : {}) as Obj
    const ip = String(spec.clusterIP ?? '')
    if (!ip || ip === 'None') return
    const name = (svc.metadata.name ?? '').toUpperCase().replace(/-/g, '_')
    const ports = list(spec.ports)
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
    const svcs = await client.list(ref('services'), { namespace: ns })
    svcs.items.forEach(add)
    if (ns !== 'default') {
      const k = await getOr(client, 'services', 'kubernetes', 'default')
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
  const spec = (isObject(v.pod.spec) ? v.pod.spec : {}) as Obj
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: String(spec.hostname ?? v.pod.metadata.name ?? ''),
  }
  if (spec.enableServiceLinks !== false) Object.assign(env, await serviceEnv(v.client, ns))
  for (const from of list(v.container.envFrom)) {
    const prefix = String(from.prefix ?? '')
    const cm = isObject(from.configMapRef) ? from.configMapRef : undefined
    const sec = isObject(from.secretRef) ? from.secretRef : undefined
    const obj = cm ?? sec
    if (!obj) continue
    const data = dataOf(
      await getOr(v.client, cm ? 'configmaps' : 'secrets', String(obj.name), ns),
      !cm
    )
    for (const [k, b] of Object.entries(data)) env[prefix + k] = b.toString()
  }
  for (const e of list(v.container.env)) {
    const name = String(e.name)
    if (e.value !== undefined) {
      env[name] = String(e.value).replace(
        /\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g,
        (m, k: string) => env[k] ?? m
      )
      continue
    }
    const from = isObject(e.valueFrom) ? e.valueFrom : {}
    if (isObject(from.fieldRef))
      env[name] = fieldOf(v.pod, String(from.fieldRef.fieldPath), v.podIP, v.hostIP)
    else if (isObject(from.configMapKeyRef) || isObject(from.secretKeyRef)) {
      const secret = isObject(from.secretKeyRef)
      const r = (secret ? from.secretKeyRef : from.configMapKeyRef) as Obj
      const data = dataOf(
        await getOr(v.client, secret ? 'secrets' : 'configmaps', String(r.name), ns),
        secret
      )
      const b = data[String(r.key)]
      if (b) env[name] = b.toString()
    } else if (isObject(from.resourceFieldRef)) {
      const res = String(from.resourceFieldRef.resource ?? '')
      const [kind, what] = res.split('.') as [string, string]
      const resources = (isObject(v.container.resources) ? v.container.resources : {}) as Obj
      const q =
        (isObject(resources[kind]) ? (resources[kind] as Obj)[what] : undefined) ??
        (what === 'cpu' ? '1' : '0')
      env[name] = String(q)
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
  const spec = (isObject(v.pod.spec) ? v.pod.spec : {}) as Obj
  const volumes = new Map(list(spec.volumes).map((vol) => [String(vol.name), vol]))
  const mounts: Mount[] = []
  const files = (entries: Record<string, Buffer>, items: Obj[], mode: number): MemFs => {
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
  for (const m of list(v.container.volumeMounts)) {
    const vol = volumes.get(String(m.name))
    if (!vol) continue
    const path = String(m.mountPath)
    let fs: MemFs | undefined
    let readOnly = m.readOnly === true
    if (isObject(vol.configMap)) {
      const data = dataOf(
        await getOr(v.client, 'configmaps', String(vol.configMap.name), ns),
        false
      )
      fs = files(data, list(vol.configMap.items), Number(vol.configMap.defaultMode ?? 0o644))
      readOnly = true
    } else if (isObject(vol.secret)) {
      const data = dataOf(await getOr(v.client, 'secrets', String(vol.secret.secretName), ns), true)
      fs = files(data, list(vol.secret.items), Number(vol.secret.defaultMode ?? 0o644))
      readOnly = true
    } else if (isObject(vol.downwardAPI)) {
      const data: Record<string, Buffer> = {}
      for (const i of list(vol.downwardAPI.items))
        if (isObject(i.fieldRef))
          data[String(i.path)] = Buffer.from(
            fieldOf(v.pod, String(i.fieldRef.fieldPath), v.podIP, v.hostIP)
          )
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
    const sa = await getOr(
      v.client,
      'serviceaccounts',
      String(spec.serviceAccountName ?? 'default'),
      ns
    )
    const secretName = list((sa as Obj | undefined)?.secrets)[0]?.name
    const secret = secretName ? await getOr(v.client, 'secrets', String(secretName), ns) : undefined
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
