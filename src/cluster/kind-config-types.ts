/** The only config apiVersion kind still loads. */
export const KIND_API_VERSION = 'kind.x-k8s.io/v1alpha4'

/** A node role in a kind config. */
export type NodeRole = 'control-plane' | 'worker'

/** A host mount of a kind node (v1alpha4 `Mount`). */
export interface KindMount {
  containerPath?: string
  hostPath?: string
  readOnly?: boolean
  selinuxRelabel?: boolean
  propagation?: 'None' | 'HostToContainer' | 'Bidirectional'
}

/** A host port mapped into a kind node (v1alpha4 `PortMapping`), protocol upper-cased. */
export interface KindPortMapping {
  containerPort?: number
  hostPort?: number
  listenAddress?: string
  protocol?: 'TCP' | 'UDP' | 'SCTP'
}

/** An RFC 6902 kubeadm config patch (v1alpha4 `PatchJSON6902`). */
export interface KindPatchJson6902 {
  group?: string
  version?: string
  kind?: string
  patch?: string
}

/** One node of a kind config, its role defaulted to `control-plane` as kind does. */
export interface KindNode {
  role: NodeRole
  /** Unset means kind's default node image. */
  image?: string
  labels: Record<string, string>
  extraMounts: KindMount[]
  extraPortMappings: KindPortMapping[]
  gpus?: string
  kubeadmConfigPatches: string[]
  kubeadmConfigPatchesJSON6902: KindPatchJson6902[]
}

/** Cluster networking of a kind config; subnets stay unset when the file leaves them out. */
export interface KindNetworking {
  ipFamily: 'ipv4' | 'ipv6' | 'dual'
  apiServerAddress?: string
  /** 0 (unset) means a random host port. */
  apiServerPort: number
  podSubnet?: string
  serviceSubnet?: string
  disableDefaultCNI: boolean
  kubeProxyMode: 'iptables' | 'ipvs' | 'nftables' | 'none'
  dnsSearch?: string[]
}

/** A validated kind `Cluster` config (kind.x-k8s.io/v1alpha4). */
export interface KindConfig {
  kind: 'Cluster'
  apiVersion: typeof KIND_API_VERSION
  /** Unset means the name comes from elsewhere (kind: `--name`, the lab: its profile). */
  name?: string
  nodes: KindNode[]
  networking: KindNetworking
  featureGates: Record<string, boolean>
  runtimeConfig: Record<string, string>
  kubeadmConfigPatches: string[]
  kubeadmConfigPatchesJSON6902: KindPatchJson6902[]
  containerdConfigPatches: string[]
  containerdConfigPatchesJSON6902: string[]
  /** The file the config was read from, for messages. */
  source: string
}
