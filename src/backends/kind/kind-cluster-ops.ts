import { parseJoinCommand } from '../../cluster/index.js'
import { commandLine, type ClusterOps, type RunCommand } from '../../install/index.js'

/** What the kind cluster ops need: the master's container and a command runner. */
export interface KindClusterOpsOptions {
  /** The control-plane node's container (`<name>-control-plane`). */
  master: string
  run: RunCommand
}

/**
 * Returns kubeadm on a kind cluster: `kind create cluster` already ran `kubeadm init` and
 * `kubeadm join`, so init only asks the master for a join command (a fresh token, as the page's
 * printed one) and join has nothing left to do.
 */
export function kindClusterOps(o: KindClusterOpsOptions): ClusterOps {
  const args = ['exec', o.master, 'kubeadm', 'token', 'create', '--print-join-command']
  return {
    doneBy: 'kind create cluster',
    addonsIncluded: true,
    async kubeadmInit() {
      const r = await o.run({ name: 'docker', bin: 'docker', args })
      const line = commandLine('docker', args)
      if (r.code !== 0) throw new Error(`\`${line}\` failed: ${(r.stderr || r.stdout).trim()}`)
      const join = r.stdout.trim()
      const parts = joinParts(join)
      if (!parts) throw new Error(`\`${line}\` printed no join command: ${join}`)
      return { joinCommand: join, ...parts, commands: [line] }
    },
    async kubeadmJoin() {
      // Joined by `kind create cluster` (its "Joining worker nodes" action).
    },
  }
}

// The token and CA hash of a printed join command, read as kubeadm join reads its flags.
function joinParts(text: string): { token: string; caCertHash: string } | undefined {
  if (!text.startsWith('kubeadm join ')) return undefined
  try {
    const args = parseJoinCommand(text)
    const caCertHash = args.caCertHashes[0]
    return args.token && caCertHash ? { token: args.token, caCertHash } : undefined
  } catch {
    return undefined
  }
}
