import { parse } from 'yaml'
import { isObject } from '../api/types.js'
import { canonicalGoDuration } from './go-duration.js'

/**
 * Istio 1.0 mesh configuration (ConfigMap `istio`, key `mesh`), decoded the way
 * `model.ApplyMeshConfigDefaults` does it: defaults first, then the YAML on top; fields of
 * `defaultConfig` that the YAML leaves out keep the proxy defaults. Durations are kept as
 * canonical Go duration strings ("1m0s").
 */

/** Proxy settings (`meshconfig.ProxyConfig`, Istio 1.0). */
export interface ProxyConfig {
  configPath: string
  binaryPath: string
  serviceCluster: string
  availabilityZone: string
  drainDuration: string
  parentShutdownDuration: string
  discoveryAddress: string
  discoveryRefreshDelay: string
  zipkinAddress: string
  connectTimeout: string
  statsdUdpAddress: string
  proxyAdminPort: number
  controlPlaneAuthPolicy: 'NONE' | 'MUTUAL_TLS'
  customConfigFile: string
  statNameLength: number
  concurrency: number
  proxyBootstrapTemplatePath: string
  interceptionMode: 'REDIRECT' | 'TPROXY'
}

/** Mesh-wide settings (`meshconfig.MeshConfig`, Istio 1.0). */
export interface MeshConfig {
  mixerAddress: string
  mixerCheckServer: string
  mixerReportServer: string
  disablePolicyChecks: boolean
  policyCheckFailOpen: boolean
  proxyListenPort: number
  proxyHttpPort: number
  connectTimeout: string
  ingressClass: string
  ingressService: string
  ingressControllerMode: 'OFF' | 'DEFAULT' | 'STRICT'
  authPolicy: 'NONE' | 'MUTUAL_TLS'
  rdsRefreshDelay: string
  enableTracing: boolean
  accessLogFile: string
  defaultConfig: ProxyConfig
  mtlsExcludedServices: string[]
  sdsUdsPath: string
  sdsRefreshDelay: string
}

/** Enum fields and their allowed names, in proto number order. */
export const MESH_ENUMS: Readonly<Record<string, readonly string[]>> = {
  controlPlaneAuthPolicy: ['NONE', 'MUTUAL_TLS'],
  interceptionMode: ['REDIRECT', 'TPROXY'],
  ingressControllerMode: ['OFF', 'DEFAULT', 'STRICT'],
  authPolicy: ['NONE', 'MUTUAL_TLS'],
}

/** Returns Istio 1.0's `DefaultProxyConfig()`. */
export function defaultProxyConfig(): ProxyConfig {
  return {
    configPath: '/etc/istio/proxy',
    binaryPath: '/usr/local/bin/envoy',
    serviceCluster: 'istio-proxy',
    availabilityZone: '',
    drainDuration: '2s',
    parentShutdownDuration: '3s',
    discoveryAddress: 'istio-pilot:15007',
    discoveryRefreshDelay: '1s',
    zipkinAddress: '',
    connectTimeout: '1s',
    statsdUdpAddress: '',
    proxyAdminPort: 15000,
    controlPlaneAuthPolicy: 'NONE',
    customConfigFile: '',
    statNameLength: 189,
    concurrency: 0,
    proxyBootstrapTemplatePath: '',
    interceptionMode: 'REDIRECT',
  }
}

/** Returns Istio 1.0's `DefaultMeshConfig()`. */
export function defaultMeshConfig(): MeshConfig {
  return {
    mixerAddress: '',
    mixerCheckServer: '',
    mixerReportServer: '',
    disablePolicyChecks: false,
    policyCheckFailOpen: false,
    proxyListenPort: 15001,
    proxyHttpPort: 0,
    connectTimeout: '1s',
    ingressClass: 'istio',
    ingressService: '',
    ingressControllerMode: 'STRICT',
    authPolicy: 'NONE',
    rdsRefreshDelay: '1s',
    enableTracing: true,
    accessLogFile: '/dev/stdout',
    defaultConfig: defaultProxyConfig(),
    mtlsExcludedServices: [],
    sdsUdsPath: '',
    sdsRefreshDelay: '15s',
  }
}

/** Returns the mesh config of a mesh YAML document (ConfigMap `istio` key `mesh`); throws when invalid. */
export function parseMeshConfig(text: string): MeshConfig {
  let doc: unknown
  try {
    doc = parse(text, { version: '1.1' }) ?? {}
  } catch (err) {
    throw new Error(`failed to convert to proto.: ${(err as Error).message}`, { cause: err })
  }
  if (!isObject(doc)) throw new Error('failed to convert to proto.: mesh config is not a YAML map')
  const { defaultConfig, ...meshFields } = normalizeKeys(doc)
  const mesh = applyFields(
    defaultMeshConfig() as unknown as Record<string, unknown>,
    meshFields,
    'MeshConfig'
  )
  const proxy = defaultConfig === undefined || defaultConfig === null ? {} : defaultConfig
  if (!isObject(proxy)) throw new Error('failed to convert to proto.: defaultConfig is not a map')
  mesh.defaultConfig = applyFields(
    defaultProxyConfig() as unknown as Record<string, unknown>,
    normalizeKeys(proxy),
    'ProxyConfig'
  )
  const out = mesh as unknown as MeshConfig
  if (out.mixerAddress !== '' && out.mixerCheckServer === '' && out.mixerReportServer === '') {
    out.mixerCheckServer = out.mixerAddress
    out.mixerReportServer = out.mixerAddress
  }
  validatePort('proxyListenPort', out.proxyListenPort)
  validatePort('defaultConfig.proxyAdminPort', out.defaultConfig.proxyAdminPort)
  return out
}

/** Returns the mesh config of the `istio` ConfigMap's data (key `mesh`). */
export function parseMeshConfigMap(data: Record<string, string>): MeshConfig {
  const text = data['mesh']
  if (text === undefined)
    throw new Error('failed to read mesh config: ConfigMap istio has no "mesh" key')
  return parseMeshConfig(text)
}

/** Returns a copy with snake_case keys renamed to lowerCamel (jsonpb accepts both). */
function normalizeKeys(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [
      k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()),
      v,
    ])
  )
}

/** Returns defaults overwritten by typed fields, rejecting unknown fields as jsonpb does. */
function applyFields(
  defaults: Record<string, unknown>,
  fields: Record<string, unknown>,
  type: string
): Record<string, unknown> {
  const out = { ...defaults }
  for (const [key, value] of Object.entries(fields)) {
    if (!(key in defaults))
      throw new Error(`failed to convert to proto.: unknown field "${key}" in v1alpha1.${type}`)
    const fail = (what: string) => new Error(`failed to convert to proto.: ${type}.${key}: ${what}`)
    const def = defaults[key]
    if (value === null) continue
    if (MESH_ENUMS[key]) {
      const names = MESH_ENUMS[key]
      const name = typeof value === 'number' ? names[value] : String(value)
      if (name === undefined || !names.includes(name))
        throw fail(`unknown enum value ${JSON.stringify(value)}`)
      out[key] = name
    } else if (key.endsWith('Duration') || key.endsWith('Delay') || key === 'connectTimeout') {
      if (typeof value !== 'string')
        throw fail(`duration must be a string, got ${JSON.stringify(value)}`)
      try {
        out[key] = canonicalGoDuration(value)
      } catch (err) {
        throw fail((err as Error).message)
      }
    } else if (Array.isArray(def)) {
      if (!Array.isArray(value)) throw fail('expected a list')
      out[key] = value.map(String)
    } else if (typeof def !== typeof value) {
      throw fail(`expected a ${typeof def}, got ${JSON.stringify(value)}`)
    } else {
      out[key] = value
    }
  }
  return out
}

/** Throws when a port number is out of range. */
function validatePort(field: string, port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(
      `invalid mesh config: ${field}: port number ${port} must be in the range 1..65535`
    )
  }
}
