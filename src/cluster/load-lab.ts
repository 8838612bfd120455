import { formatIpv4, parseIpv4 } from './ipv4.js'
import { parseKindConfig } from './kind-config.js'
import type { KindConfig } from './kind-config-types.js'
import { kubeadmTopologyProblems } from './kind-config-validation.js'
import { parseLabProfile, type LabProfile } from './lab-profile.js'
import { ConfigFileError } from './strict-yaml.js'
import { buildTopology, type Topology } from './topology.js'

/** What a lab's definition is read from: its files and the options that adjust it. */
export interface LabDefinitionInput {
  /** The kind cluster config (topology). */
  config: string
  /** The lab profile. */
  profile: string
  /** Istio injector policy; overrides the profile. */
  policy?: 'enabled' | 'disabled'
  /** Time factor of the simulated cluster (1 = real time); overrides the profile. */
  timeFactor?: number
  /**
   * Moves every node address by this many addresses (`--node-address-offset`), so two labs on one
   * machine do not share NodePorts. Set by the sim backend itself when another lab holds the
   * profile's addresses (see backends/sim/address-claims.ts).
   */
  nodeAddressOffset?: number
  /** `--seed`/`LAB_SEED`: the run's random choices repeat (absent: crypto randomness). */
  seed?: number
}

/** The lab's definition: the topology from the kind config and the profile. */
export interface LabDefinition {
  kind: KindConfig
  profile: LabProfile
  topology: Topology
  /** `--seed`/`LAB_SEED`: the run's random choices repeat (absent: crypto randomness). */
  seed?: number
}

/** Returns the lab definition read from the option's files; errors name the file and field. */
export function loadLab(opts: LabDefinitionInput, read: (path: string) => string): LabDefinition {
  const text = (path: string, what: string) => {
    try {
      return read(path)
    } catch (err) {
      throw new Error(
        `failed to read the ${what} ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        { cause: err }
      )
    }
  }
  const kindText = text(opts.config, 'kind config')
  const kind = parseKindConfig(kindText, opts.config)
  const profile = parseLabProfile(text(opts.profile, 'lab profile'), opts.profile)
  const topology = kubeadmTopologyProblems(kind, profile.versions.kubernetes, kindText)
  if (topology.length) throw new ConfigFileError(opts.config, topology)
  if (opts.policy) profile.istio.injectorPolicy = opts.policy
  if (opts.timeFactor) profile.timeFactor = opts.timeFactor
  if (opts.nodeAddressOffset) shiftNodeAddresses(profile, opts.nodeAddressOffset)
  return {
    kind,
    profile,
    topology: buildTopology(kind, profile),
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
  }
}

/** Moves the profile's node addresses (the start and every pinned one) by `offset` addresses. */
function shiftNodeAddresses(profile: LabProfile, offset: number): void {
  const shift = (a: string) => {
    const n = parseIpv4(a)
    return n === undefined ? a : formatIpv4(n + offset)
  }
  profile.networking.nodeAddressStart = shift(profile.networking.nodeAddressStart)
  for (const node of Object.values(profile.nodes)) {
    if (node.address !== undefined) node.address = shift(node.address)
  }
}
