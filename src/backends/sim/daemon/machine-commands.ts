import type { StartedSimLab } from '../sim-lab.js'
import { startChartRepoServer, type StartedChartRepoServer } from '../../../install/index.js'
import { curlInPod } from './curl-command.js'
import type { MachineResult } from './machine-socket.js'

/** What `helm serve` on a lab machine gives as data: where the repository answers. */
export interface ServedCharts {
  url: string
}

/** Returns the URL a `helm serve` result gave, or undefined when it is not one. */
export function servedChartsUrl(r: MachineResult): string | undefined {
  const url = (r.data as Partial<ServedCharts> | undefined)?.url
  return r.code === 0 && typeof url === 'string' ? url : undefined
}

/**
 * Returns what runs "on" a lab machine when a command reaches it through the machine socket:
 * `kubeadm …`, `helm serve --repo-path <dir> [--address host:port]` (Helm 2's local chart
 * repository, kept by the daemon so it outlives `lab:up`), `poweroff` (stops the kubelet and
 * so the node's kube-proxy) and `curl <pod|deploy/name> … -- <args>` (curl inside a pod).
 */
export function machineCommands(lab: StartedSimLab): {
  exec(node: string, argv: string[]): Promise<MachineResult>
  stop(): Promise<void>
} {
  let repo: StartedChartRepoServer | undefined
  const fail = (stderr: string, code = 1): MachineResult => ({
    code,
    stdout: '',
    stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`,
  })
  return {
    async exec(node, argv) {
      const [cmd, ...rest] = argv
      if (cmd === 'kubeadm') return lab.kubeadm.run(node, rest)
      if (cmd === 'curl') return curlInPod(lab, rest)
      if (cmd === 'poweroff') {
        if (!lab.machines.stopNode(node)) return fail(`${node} is not running`)
        lab.dataPlane.network.refresh()
        return { code: 0, stdout: '', stderr: '' }
      }
      if (cmd === 'helm' && rest[0] === 'serve') {
        const flag = (name: string) => {
          const i = rest.indexOf(name)
          return i >= 0 ? rest[i + 1] : undefined
        }
        const dir = flag('--repo-path')
        if (!dir) return fail('Error: helm serve needs --repo-path <dir>')
        const [host, port] = (flag('--address') ?? '127.0.0.1:8879').split(':')
        if (repo) return fail(`Error: a chart repository is already served at ${repo.url}`)
        try {
          repo = await startChartRepoServer({
            dir,
            host: host ?? '127.0.0.1',
            port: Number(port ?? 8879),
          })
        } catch (err) {
          return fail(`Error: ${err instanceof Error ? err.message : String(err)}`)
        }
        return {
          code: 0,
          stdout: `Regenerating index. This may take a moment.\nNow serving you on ${repo.url}\n`,
          stderr: '',
          data: { url: repo.url } satisfies ServedCharts,
        }
      }
      return fail(`${cmd ?? ''}: command not found on ${node}`, 127)
    },
    async stop() {
      await repo?.stop()
    },
  }
}
