import { ConfigFileError, decodeStrict } from './strict-yaml.js'
import type { ConfigProblem, Schema } from './strict-yaml.js'
import { validateKindConfig } from './kind-config-validation.js'
import { KIND_API_VERSION } from './kind-config-types.js'
import type { KindConfig, KindNetworking, KindNode, NodeRole } from './kind-config-types.js'

const str: Schema = { kind: 'string' }
const strList: Schema = { kind: 'list', items: str }

const oneOf =
  (type: string, values: readonly string[], upper = false) =>
  (v: string): string | undefined => {
    const w = upper ? v.toUpperCase() : v
    return values.includes(w) ? undefined : `Unknown ${type}: ${JSON.stringify(w)}`
  }

const patchJson6902: Schema = {
  kind: 'struct',
  typeName: 'v1alpha4.PatchJSON6902',
  fields: { group: str, version: str, kind: str, patch: str },
}

const propagations = ['None', 'HostToContainer', 'Bidirectional']
const protocols = ['TCP', 'UDP', 'SCTP']

const nodeSchema: Schema = {
  kind: 'struct',
  typeName: 'v1alpha4.Node',
  fields: {
    role: str,
    image: str,
    labels: { kind: 'map', values: str },
    extraMounts: {
      kind: 'list',
      items: {
        kind: 'struct',
        typeName: 'v1alpha4.Mount',
        fields: {
          containerPath: str,
          hostPath: str,
          readOnly: { kind: 'bool' },
          selinuxRelabel: { kind: 'bool' },
          propagation: { kind: 'string', check: oneOf('MountPropagation', propagations) },
        },
      },
    },
    extraPortMappings: {
      kind: 'list',
      items: {
        kind: 'struct',
        typeName: 'v1alpha4.PortMapping',
        fields: {
          containerPort: { kind: 'int', goType: 'int32' },
          hostPort: { kind: 'int', goType: 'int32' },
          listenAddress: str,
          protocol: { kind: 'string', check: oneOf('PortMappingProtocol', protocols, true) },
        },
      },
    },
    gpus: str,
    kubeadmConfigPatches: strList,
    kubeadmConfigPatchesJSON6902: { kind: 'list', items: patchJson6902 },
  },
}

/** The v1alpha4 `Cluster` type as kind's strict decoder knows it. */
const clusterSchema: Schema = {
  kind: 'struct',
  typeName: 'v1alpha4.Cluster',
  fields: {
    kind: str,
    apiVersion: str,
    name: str,
    nodes: { kind: 'list', items: nodeSchema },
    networking: {
      kind: 'struct',
      typeName: 'v1alpha4.Networking',
      fields: {
        ipFamily: str,
        apiServerPort: { kind: 'int', goType: 'int32' },
        apiServerAddress: str,
        podSubnet: str,
        serviceSubnet: str,
        disableDefaultCNI: { kind: 'bool' },
        kubeProxyMode: str,
        dnsSearch: strList,
      },
    },
    featureGates: { kind: 'map', values: { kind: 'bool' } },
    runtimeConfig: { kind: 'map', values: str },
    kubeadmConfigPatches: strList,
    kubeadmConfigPatchesJSON6902: { kind: 'list', items: patchJson6902 },
    containerdConfigPatches: strList,
    containerdConfigPatchesJSON6902: strList,
  },
}

const typeMetaSchema: Schema = {
  kind: 'struct',
  typeName: 'encoding.typeMeta',
  open: true,
  fields: { kind: str, apiVersion: str },
}

/**
 * Returns the kind config in `text`, loaded the way kind's v1alpha4 loader does: type header first,
 * then a strict decode (unknown fields are errors), kind's defaults, then kind's validation.
 * Every problem is reported as `<source>:<line>: <field path>: <message>` in a ConfigFileError.
 */
export function parseKindConfig(text: string, source: string): KindConfig {
  const header = decodeStrict(text, source, typeMetaSchema)
  const tm = (header.value ?? {}) as { kind?: string; apiVersion?: string }
  const fail = (path: string, message: string): never => {
    throw new ConfigFileError(source, [{ path, line: header.lineOf(path), message }])
  }
  if (tm.apiVersion !== KIND_API_VERSION) {
    fail('apiVersion', `unknown apiVersion: ${tm.apiVersion ?? ''}`)
  }
  if (tm.kind !== 'Cluster') {
    fail('kind', `unknown kind ${tm.kind ?? ''} for apiVersion: ${tm.apiVersion ?? ''}`)
  }
  const decoded = decodeStrict(text, source, clusterSchema)
  const config = withDefaults(decoded.value as RawCluster, source)
  const problems: ConfigProblem[] = validateKindConfig(config).map((p) => ({
    ...p,
    line: decoded.lineOf(p.path),
    message: `${p.path}: ${p.message}`,
  }))
  if (problems.length > 0) throw new ConfigFileError(source, problems)
  return config
}

type RawNode = Partial<Omit<KindNode, 'role'>> & { role?: string }
type RawCluster = Partial<Omit<KindConfig, 'nodes' | 'networking'>> & {
  nodes?: RawNode[]
  networking?: Partial<Omit<KindNetworking, 'ipFamily' | 'kubeProxyMode'>> & {
    ipFamily?: string
    kubeProxyMode?: string
  }
}

// Mirrors kind's SetDefaultsCluster/SetDefaultsNode, except the subnets: those stay unset so the
// lab profile can supply them (kind would pick 10.244.0.0/16 and 10.96.0.0/16).
function withDefaults(raw: RawCluster, source: string): KindConfig {
  const nodes: RawNode[] =
    raw.nodes && raw.nodes.length > 0 ? raw.nodes : [{ role: 'control-plane' }]
  const net = raw.networking ?? {}
  return {
    kind: 'Cluster',
    apiVersion: KIND_API_VERSION,
    ...(raw.name !== undefined && { name: raw.name }),
    nodes: nodes.map((n) => ({
      ...n,
      role: (n.role || 'control-plane') as NodeRole,
      labels: n.labels ?? {},
      extraMounts: n.extraMounts ?? [],
      extraPortMappings: (n.extraPortMappings ?? []).map((pm) => ({
        ...pm,
        ...(pm.protocol !== undefined && { protocol: pm.protocol.toUpperCase() as 'TCP' }),
      })),
      kubeadmConfigPatches: n.kubeadmConfigPatches ?? [],
      kubeadmConfigPatchesJSON6902: n.kubeadmConfigPatchesJSON6902 ?? [],
    })),
    networking: {
      ...net,
      ipFamily: (net.ipFamily || 'ipv4') as KindNetworking['ipFamily'],
      apiServerPort: net.apiServerPort ?? 0,
      disableDefaultCNI: net.disableDefaultCNI ?? false,
      kubeProxyMode: (net.kubeProxyMode || 'iptables') as KindNetworking['kubeProxyMode'],
    },
    featureGates: raw.featureGates ?? {},
    runtimeConfig: raw.runtimeConfig ?? {},
    kubeadmConfigPatches: raw.kubeadmConfigPatches ?? [],
    kubeadmConfigPatchesJSON6902: raw.kubeadmConfigPatchesJSON6902 ?? [],
    containerdConfigPatches: raw.containerdConfigPatches ?? [],
    containerdConfigPatchesJSON6902: raw.containerdConfigPatchesJSON6902 ?? [],
    source,
  }
}
