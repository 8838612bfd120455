import { join } from 'node:path'
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml'
import type { Topology } from '../../cluster/index.js'
import { commandLine } from '../../install/index.js'
import { kubeletArgs, nodeReservation, type HostResources } from './system-reserved.js'

/** A current Calico for kind nodes: the page's Calico 2.6 does not run on today's Kubernetes. */
export const KIND_CNI_MANIFEST =
  'https://raw.githubusercontent.com/projectcalico/calico/v3.28.2/manifests/calico.yaml'

/** What a kind lab is made from. */
export interface KindPlanInput {
  topology: Topology
  /** The text of lab/kind-config.yaml (kept as written, comments included). */
  kindConfigText: string
  /** The state directory: the derived kind config and the kubeconfig go there. */
  stateDir: string
  host: HostResources
  /** Pass `--retain` to kind (keep the nodes when creation fails). */
  retain?: boolean
}

/** The commands and files that stand a kind lab up. */
export interface KindPlan {
  /** The kind config with the lab's kubeadm patches added, and where it is written. */
  config: { path: string; text: string }
  /** The commands, in order (argv, program first). */
  commands: string[][]
  kubeconfig: string
  warnings: string[]
}

function patchText(kind: string, args: Record<string, string>): string {
  const lines = Object.entries(args).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`)
  return [
    `kind: ${kind}`,
    'apiVersion: kubeadm.k8s.io/v1beta3',
    'nodeRegistration:',
    '  kubeletExtraArgs:',
    ...lines,
    '',
  ].join('\n')
}

function json6902(kind: string, args: Record<string, string>): Record<string, string> {
  const ops = Object.entries(args).map(
    ([name, value]) =>
      `- op: add\n  path: /nodeRegistration/kubeletExtraArgs/-\n  value: {name: ${name}, value: ${JSON.stringify(value)}}`
  )
  return { group: 'kubeadm.k8s.io', version: 'v1beta4', kind, patch: `${ops.join('\n')}\n` }
}

/**
 * Returns the plan of a kind lab: the kind config with per-node kubeadm patches (kubelet
 * `system-reserved` and `eviction-hard`, so each node's allocatable matches the profile's
 * machine; a merge patch for kubeadm v1beta3 and a JSON 6902 patch for v1beta4, only the one
 * matching kind's kubeadm config applies), `kind create cluster`, then `docker update` limits.
 */
export function kindPlan(input: KindPlanInput): KindPlan {
  const doc = parseDocument(input.kindConfigText)
  const nodes = doc.get('nodes')
  if (!isSeq(nodes)) throw new Error('the kind config has no nodes list')
  const reservations = input.topology.nodes.map((n) => nodeReservation(n, input.host))
  nodes.items.forEach((item, i) => {
    if (!isMap(item)) return
    const r = reservations[i]!
    const args = kubeletArgs(r)
    const isMaster = input.topology.nodes[i]!.role === 'control-plane'
    const kinds = isMaster ? ['InitConfiguration', 'JoinConfiguration'] : ['JoinConfiguration']
    const merge = (item.get('kubeadmConfigPatches') as YAMLSeq | undefined) ?? new YAMLSeq()
    const json = (item.get('kubeadmConfigPatchesJSON6902') as YAMLSeq | undefined) ?? new YAMLSeq()
    for (const k of kinds) {
      merge.add(doc.createNode(patchText(k, args)))
      json.add(doc.createNode(json6902(k, args)))
    }
    item.set('kubeadmConfigPatches', merge)
    item.set('kubeadmConfigPatchesJSON6902', json)
    ;(item as YAMLMap).commentBefore =
      ` ${r.node}: the profile's machine (system-reserved = host − profile)`
  })
  const path = join(input.stateDir, 'kind-config.yaml')
  const kubeconfig = join(input.stateDir, 'kubeconfig')
  const create = ['kind', 'create', 'cluster', '--name', input.topology.name, '--config', path]
  create.push('--kubeconfig', kubeconfig, ...(input.retain ? ['--retain'] : []))
  const limits = reservations.map((r) => {
    const mem = String(r.limits.memory)
    const cpus = String(r.limits.cpus)
    return ['docker', 'update', '--cpus', cpus, '--memory', mem, '--memory-swap', mem, r.node]
  })
  return {
    config: { path, text: doc.toString({ lineWidth: 0 }) },
    commands: [create, ...limits],
    kubeconfig,
    warnings: reservations.flatMap((r) => r.warnings),
  }
}

/** Returns a plan as text: the config file, then one command line per command. */
export function formatKindPlan(plan: KindPlan): string {
  return [
    `# ${plan.config.path}`,
    ...plan.config.text
      .trimEnd()
      .split('\n')
      .map((l) => `#   ${l}`),
    ...plan.warnings.map((w) => `# WARNING: ${w}`),
    ...plan.commands.map(([name, ...args]) => commandLine(name!, args)),
  ].join('\n')
}
