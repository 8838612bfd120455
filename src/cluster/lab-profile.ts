import { parseKubeVersion } from '../api/resources/index.js'
import { parseIpv4, isLoopbackIpv4, parseIpv4Cidr } from './ipv4.js'
import { parseQuantity } from './quantity.js'
import { ConfigFileError, decodeStrict, keyPath } from './strict-yaml.js'
import type { ConfigProblem, Schema } from './strict-yaml.js'
import type { NodeRole } from './kind-config-types.js'

/** The apiVersion of a lab profile file. */
export const LAB_PROFILE_API_VERSION = 'onap-mesh-lab/v1alpha1'

/** Emulated machine facts of a node; any of them may be left to a wider level (common → role → node). */
export interface HardwareSpec {
  /** CPU cores as a quantity (`8`, `3500m`). */
  cpu?: string
  /** Memory as a quantity (`16Gi`). */
  memory?: string
  /** Root filesystem size as a quantity (`160Gi`): the node's ephemeral-storage capacity. */
  ephemeralStorage?: string
  /** The kubelet's max-pods. */
  pods?: number
  osImage?: string
  kernelVersion?: string
  /** `<runtime>://<version>`, e.g. `docker://17.3.2`. */
  containerRuntimeVersion?: string
  /** Defaults to `v<versions.kubernetes>`. */
  kubeletVersion?: string
}

/** Per-node settings: hardware overrides and the node's own loopback address. */
export interface NodeSpec extends HardwareSpec {
  /** The node's InternalIP, in 127.0.0.0/8. */
  address?: string
}

/** One Helm release the install sequence creates. */
export interface ChartRelease {
  release: string
  chart: string
  namespace: string
  /** Values files, relative to the chart tree (`-f`). */
  values: string[]
}

/** A validated lab profile (`lab/lab.yaml`), defaults applied. */
export interface LabProfile {
  apiVersion: typeof LAB_PROFILE_API_VERSION
  kind: 'LabProfile'
  /** The lab (cluster) name; node names derive from it as kind's do. */
  name: string
  versions: { kubernetes: string; istio: string }
  /** Emulated durations are multiplied by this (1 = real time). */
  timeFactor: number
  networking: {
    /** Used unless the kind config sets networking.podSubnet. */
    podSubnet: string
    /** Used unless the kind config sets networking.serviceSubnet. */
    serviceSubnet: string
    /** Nodes without an address get the next free one from here on. */
    nodeAddressStart: string
  }
  istio: { injectorPolicy: 'enabled' | 'disabled' }
  hardware: Partial<Record<'common' | NodeRole, HardwareSpec>>
  /** Keyed by node name. */
  nodes: Record<string, NodeSpec>
  charts: ChartRelease[]
  /** The file the profile was read from, for messages. */
  source: string
}

const str: Schema = { kind: 'string' }
const hardwareFields: Record<string, Schema> = {
  cpu: str,
  memory: str,
  ephemeralStorage: str,
  pods: { kind: 'int', goType: 'int' },
  osImage: str,
  kernelVersion: str,
  containerRuntimeVersion: str,
  kubeletVersion: str,
}
const hardwareSchema: Schema = { kind: 'struct', typeName: 'Hardware', fields: hardwareFields }

const profileSchema: Schema = {
  kind: 'struct',
  typeName: 'LabProfile',
  fields: {
    apiVersion: str,
    kind: str,
    name: str,
    versions: { kind: 'struct', typeName: 'Versions', fields: { kubernetes: str, istio: str } },
    timeFactor: { kind: 'number' },
    networking: {
      kind: 'struct',
      typeName: 'Networking',
      fields: { podSubnet: str, serviceSubnet: str, nodeAddressStart: str },
    },
    istio: { kind: 'struct', typeName: 'Istio', fields: { injectorPolicy: str } },
    hardware: {
      kind: 'struct',
      typeName: 'HardwareByRole',
      fields: { common: hardwareSchema, 'control-plane': hardwareSchema, worker: hardwareSchema },
    },
    nodes: {
      kind: 'map',
      values: { kind: 'struct', typeName: 'Node', fields: { ...hardwareFields, address: str } },
    },
    charts: {
      kind: 'list',
      items: {
        kind: 'struct',
        typeName: 'ChartRelease',
        fields: { release: str, chart: str, namespace: str, values: { kind: 'list', items: str } },
      },
    },
  },
}

type Raw = Partial<Omit<LabProfile, 'versions' | 'networking' | 'istio' | 'charts'>> & {
  versions?: Partial<LabProfile['versions']>
  networking?: Partial<LabProfile['networking']>
  istio?: { injectorPolicy?: string }
  charts?: Partial<ChartRelease>[]
}

/**
 * Returns the lab profile in `text`, strictly decoded (unknown fields are errors) and validated;
 * every problem is reported as `<source>:<line>: <field path>: <message>` in a ConfigFileError.
 */
export function parseLabProfile(text: string, source: string): LabProfile {
  const decoded = decodeStrict(text, source, profileSchema)
  const raw = (decoded.value ?? {}) as Raw
  const problems = validateProfile(raw).map((p) => ({
    ...p,
    line: decoded.lineOf(p.path),
    message: `${p.path}: ${p.message}`,
  }))
  if (problems.length > 0) throw new ConfigFileError(source, problems)
  return {
    apiVersion: LAB_PROFILE_API_VERSION,
    kind: 'LabProfile',
    name: raw.name!,
    versions: { kubernetes: raw.versions!.kubernetes!, istio: raw.versions?.istio ?? '1.0.0' },
    timeFactor: raw.timeFactor ?? 1,
    networking: {
      podSubnet: raw.networking?.podSubnet ?? '10.244.0.0/16',
      serviceSubnet: raw.networking?.serviceSubnet ?? '10.96.0.0/12',
      nodeAddressStart: raw.networking?.nodeAddressStart ?? '127.0.10.104',
    },
    istio: { injectorPolicy: raw.istio?.injectorPolicy === 'enabled' ? 'enabled' : 'disabled' },
    hardware: raw.hardware ?? {},
    nodes: raw.nodes ?? {},
    charts: (raw.charts ?? []).map((c) => ({ ...(c as ChartRelease), values: c.values ?? [] })),
    source,
  }
}

type Problem = Omit<ConfigProblem, 'line'>

function validateProfile(raw: Raw): Problem[] {
  const problems: Problem[] = []
  const add = (path: string, message: string): void => void problems.push({ path, message })
  if (raw.apiVersion !== LAB_PROFILE_API_VERSION) {
    add(
      'apiVersion',
      `unknown apiVersion "${raw.apiVersion ?? ''}" (want ${LAB_PROFILE_API_VERSION})`
    )
  }
  if (raw.kind !== 'LabProfile') add('kind', `unknown kind "${raw.kind ?? ''}" (want LabProfile)`)
  if (!raw.name) add('name', 'required field')
  else if (!/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(raw.name)) {
    add('name', `'${raw.name}' is not a valid lab name, lab names must be lower-case DNS labels`)
  }
  if (!raw.versions?.kubernetes) add('versions.kubernetes', 'required field')
  else tryParse(add, 'versions.kubernetes', () => parseKubeVersion(raw.versions!.kubernetes!))
  if (raw.versions?.istio !== undefined && !/^\d+\.\d+\.\d+$/.test(raw.versions.istio)) {
    add('versions.istio', `invalid istio version "${raw.versions.istio}": want MAJOR.MINOR.PATCH`)
  }
  if (raw.timeFactor !== undefined && !(raw.timeFactor > 0)) {
    add('timeFactor', `timeFactor must be greater than 0, got ${raw.timeFactor}`)
  }
  for (const field of ['podSubnet', 'serviceSubnet'] as const) {
    const cidr = raw.networking?.[field]
    if (cidr !== undefined && !parseIpv4Cidr(cidr)) {
      add(
        `networking.${field}`,
        `invalid ${field} "${cidr}": want an IPv4 CIDR such as 10.96.0.0/12`
      )
    }
  }
  const start = raw.networking?.nodeAddressStart
  if (start !== undefined) checkAddress(add, 'networking.nodeAddressStart', start)
  const policy = raw.istio?.injectorPolicy
  if (policy !== undefined && policy !== 'enabled' && policy !== 'disabled') {
    add('istio.injectorPolicy', `invalid injectorPolicy "${policy}": want enabled or disabled`)
  }
  for (const [level, spec] of Object.entries(raw.hardware ?? {})) {
    checkHardware(add, `hardware.${level}`, spec)
  }
  for (const [name, spec] of Object.entries(raw.nodes ?? {})) {
    const path = keyPath('nodes', name)
    checkHardware(add, path, spec)
    if (spec.address !== undefined) checkAddress(add, `${path}.address`, spec.address)
  }
  ;(raw.charts ?? []).forEach((c, i) => {
    for (const field of ['release', 'chart', 'namespace'] as const) {
      if (!c[field]) add(`charts[${i}].${field}`, 'required field')
    }
  })
  return problems
}

type Add = (path: string, message: string) => void

function tryParse(add: Add, path: string, parse: () => unknown): void {
  try {
    parse()
  } catch (err) {
    add(path, (err as Error).message)
  }
}

function checkHardware(add: Add, path: string, spec: HardwareSpec): void {
  for (const field of ['cpu', 'memory', 'ephemeralStorage'] as const) {
    const text = spec[field]
    if (text === undefined) continue
    let value = NaN
    tryParse(add, `${path}.${field}`, () => (value = parseQuantity(text)))
    if (!Number.isNaN(value) && !(value > 0)) {
      add(`${path}.${field}`, `${field} must be greater than 0, got "${text}"`)
    } else if (field === 'memory' && value > 0 && value <= 100 * 2 ** 20) {
      // The kubelet's hard eviction threshold (memory.available<100Mi) would leave nothing.
      add(`${path}.memory`, `memory "${text}" must exceed the kubelet's 100Mi eviction threshold`)
    }
  }
  if (spec.pods !== undefined && spec.pods < 1) {
    add(`${path}.pods`, `pods must be at least 1, got ${spec.pods}`)
  }
  const runtime = spec.containerRuntimeVersion
  if (runtime !== undefined && !/^[a-z0-9-]+:\/\/\S+$/.test(runtime)) {
    add(
      `${path}.containerRuntimeVersion`,
      `invalid containerRuntimeVersion "${runtime}": want <runtime>://<version>`
    )
  }
  if (spec.kubeletVersion !== undefined && !/^v\d+\.\d+\.\d+/.test(spec.kubeletVersion)) {
    add(
      `${path}.kubeletVersion`,
      `invalid kubeletVersion "${spec.kubeletVersion}": want vMAJOR.MINOR.PATCH`
    )
  }
}

function checkAddress(add: Add, path: string, text: string): void {
  const ip = parseIpv4(text)
  if (ip === undefined || !isLoopbackIpv4(ip)) {
    add(path, `invalid address "${text}": want an IPv4 loopback address (127.0.0.0/8)`)
  } else if ((ip & 0xffffff) === 0 || (ip & 0xffffff) === 0xffffff) {
    add(
      path,
      `invalid address "${text}": the network and broadcast addresses of 127.0.0.0/8 are not usable`
    )
  }
}
