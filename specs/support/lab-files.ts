// What the lab's own definition (lab/kind-config.yaml + lab/lab.yaml, both data) says the cluster
// looks like: node names as kind derives them, roles, hardware, and the injector policy. Read
// leniently: src/cluster validates these files strictly when the lab is built.
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parseQuantity } from './quantity.js'
import { parseYamlNode, type YamlNode } from './yaml-reader.js'

/** A node the topology asks for, with its configured capacity. */
export interface ExpectedNode {
  name: string
  role: 'control-plane' | 'worker'
  /** Cores; undefined when the profile gives none. */
  cpu: number | undefined
  /** Bytes. */
  memory: number | undefined
  /** Bytes. */
  ephemeralStorage: number | undefined
  pods: number
}

/** The lab definition as the specs need it. */
export interface LabDefinition {
  nodes: ExpectedNode[]
  /** The profile's istio.injectorPolicy, when set. */
  injectorPolicy: string | undefined
}

/** The kubelet's default --max-pods. */
const DEFAULT_MAX_PODS = 110

/** Reads the kind config and lab profile files. */
export function readLabDefinition(kindConfigPath: string, profilePath: string): LabDefinition {
  const read = (path: string) => {
    try {
      return parseYamlNode(readFileSync(path, 'utf8'), basename(path))
    } catch (err) {
      throw new Error(`failed to read the lab definition: ${path}`, { cause: err })
    }
  }
  return labDefinition(read(kindConfigPath), read(profilePath))
}

/**
 * Returns the lab definition of a kind config and a profile: node names
 * `<name>-control-plane`, `<name>-worker`, `<name>-worker2`… (the kind config's name, else the
 * profile's), and hardware resolved common → role → node.
 */
export function labDefinition(kind: YamlNode, profile: YamlNode): LabDefinition {
  const name = kind.child('name')?.str() ?? profile.child('name')?.str() ?? 'kind'
  const counts = new Map<string, number>()
  const roles = kind
    .get('nodes')
    .list()
    .map((n): ExpectedNode['role'] => {
      const role = n.child('role')?.str() ?? 'control-plane'
      if (role !== 'control-plane' && role !== 'worker') throw n.error(`unknown role "${role}"`)
      return role
    })
  // kind's default cluster is a single control-plane node.
  const nodes = (roles.length > 0 ? roles : (['control-plane'] as const)).map((role) => {
    const count = (counts.get(role) ?? 0) + 1
    counts.set(role, count)
    const nodeName = `${name}-${role}${count > 1 ? count : ''}`
    return { name: nodeName, role, ...hardware(profile, role, nodeName) }
  })
  return { nodes, injectorPolicy: profile.child('istio')?.child('injectorPolicy')?.str() }
}

function hardware(
  profile: YamlNode,
  role: string,
  node: string
): Omit<ExpectedNode, 'name' | 'role'> {
  const hw = profile.child('hardware')
  const levels = [hw?.child('common'), hw?.child(role), profile.child('nodes')?.child(node)]
  // The narrowest level that sets a field wins.
  const pick = (field: string): YamlNode | undefined =>
    levels.reduce<YamlNode | undefined>((found, level) => level?.child(field) ?? found, undefined)
  const quantity = (field: string): number | undefined => {
    const value = pick(field)
    if (!value) return undefined
    const n = parseQuantity(value.str())
    if (Number.isNaN(n)) throw value.error(`"${value.str()}" is not a quantity`)
    return n
  }
  return {
    cpu: quantity('cpu'),
    memory: quantity('memory'),
    ephemeralStorage: quantity('ephemeralStorage'),
    pods: pick('pods')?.num() ?? DEFAULT_MAX_PODS,
  }
}
