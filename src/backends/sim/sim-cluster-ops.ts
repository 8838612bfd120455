import type { KubeadmInit, Topology } from '../../cluster/index.js'
import type { ClusterOps, KubeadmInitResult } from '../../install/index.js'
import { servedChartsUrl } from './daemon/machine-commands.js'
import { execOnMachine, type MachineResult } from './daemon/machine-socket.js'

/**
 * Returns the sim's kubeadm side of the install: kubeadm and `helm serve` run on the lab's
 * machines through the daemon's machine socket, as kind runs them with `docker exec`; their
 * results come back as data besides the text they printed. `typo`: a scenario's wrong token or
 * CA hash, typed at join.
 */
export function simClusterOps(
  socket: string,
  topology: Topology,
  typo?: { token?: string; caCertHash?: string }
): ClusterOps {
  const master = topology.nodes.find((n) => n.role === 'control-plane')!.name
  const run = async (node: string, argv: string[]): Promise<MachineResult> => {
    const r = await execOnMachine(socket, node, argv)
    if (r.code !== 0)
      throw new Error(
        (r.stderr || r.stdout).trim() || `${argv.join(' ')} failed on ${node} (exit ${r.code})`
      )
    return r
  }
  return {
    // What really runs on the master machine; the topology gives the networks, not flags.
    initCommand: 'kubeadm init',
    async kubeadmInit(): Promise<KubeadmInitResult> {
      const r = await run(master, ['kubeadm', 'init'])
      const init = kubeadmInitData(r.data)
      if (!init) throw new Error(`kubeadm init printed no join command:\n${r.stdout}`)
      return { joinCommand: init.joinCommand, token: init.token, caCertHash: init.caCertHash }
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
      const r = await run(master, [
        'helm',
        'serve',
        '--repo-path',
        dir,
        '--address',
        `${host}:${port}`,
      ])
      return servedChartsUrl(r) ?? `http://${host}:${port}`
    },
  }
}

/** Returns kubeadm init's data from a machine result, or undefined when it is not that. */
function kubeadmInitData(data: unknown): KubeadmInit | undefined {
  const d = data as Partial<KubeadmInit> | undefined
  return typeof d?.joinCommand === 'string' &&
    typeof d.token === 'string' &&
    typeof d.caCertHash === 'string' &&
    Array.isArray(d.joinArgv)
    ? (d as KubeadmInit)
    : undefined
}
