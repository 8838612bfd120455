import type { Topology } from '../cluster/index.js'
import type { ClusterOps, KubeadmInitResult } from '../install/index.js'
import { execOnMachine } from './machine-socket.js'

/**
 * Returns the sim's kubeadm side (`typo`: a scenario's wrong token or CA hash typed at join) of the install: kubeadm and `helm serve` run on the lab's
 * machines through the daemon's machine socket, as kind runs them with `docker exec`.
 */
export function simClusterOps(
  socket: string,
  topology: Topology,
  typo?: { token?: string; caCertHash?: string }
): ClusterOps {
  const master = topology.nodes.find((n) => n.role === 'control-plane')!.name
  const run = async (node: string, argv: string[]) => {
    const r = await execOnMachine(socket, node, argv)
    if (r.code !== 0)
      throw new Error(
        (r.stderr || r.stdout).trim() || `${argv.join(' ')} failed on ${node} (exit ${r.code})`
      )
    return r.stdout
  }
  return {
    // What really runs on the master machine; the topology gives the networks, not flags.
    initCommand: 'kubeadm init',
    async kubeadmInit(): Promise<KubeadmInitResult> {
      const out = await run(master, ['kubeadm', 'init'])
      const joinCommand = /kubeadm join [^\n]+/.exec(out)?.[0]?.trim()
      if (!joinCommand) throw new Error(`kubeadm init printed no join command:\n${out}`)
      return {
        joinCommand,
        token: /--token (\S+)/.exec(joinCommand)![1]!,
        caCertHash: /--discovery-token-ca-cert-hash (\S+)/.exec(joinCommand)![1]!,
      }
    },
    async kubeadmJoin(nodeName, args) {
      // A scenario may stand for a user who copied the printed join command wrong.
      const typed = args.map((a, i) =>
        args[i - 1] === '--token' && typo?.token
          ? typo.token
          : args[i - 1] === '--discovery-token-ca-cert-hash' && typo?.caCertHash
            ? typo.caCertHash
            : a
      )
      await run(nodeName, ['kubeadm', ...typed])
    },
    async serveCharts(dir, host, port) {
      const out = await run(master, [
        'helm',
        'serve',
        '--repo-path',
        dir,
        '--address',
        `${host}:${port}`,
      ])
      return /Now serving you on (\S+)/.exec(out)?.[1] ?? `http://${host}:${port}`
    },
  }
}
