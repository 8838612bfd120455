import { readFileSync } from 'node:fs'
import { startSimCluster, type StartedSimCluster } from '../backends/sim/index.js'
import { loadLab } from './load-lab.js'
import type { LabOptions } from './lab-options.js'
import { StateDir } from './state-dir.js'

/** Runs the sim lab in this process until SIGTERM/SIGINT: API server and cluster, state in the state dir. */
export async function runDaemon(opts: LabOptions): Promise<void> {
  const state = new StateDir(opts.stateDir)
  const log = (msg: string) => process.stderr.write(`${new Date().toISOString()} ${msg}\n`)
  const lab = loadLab(opts, (p) => readFileSync(p, 'utf8'))
  let cluster: StartedSimCluster | undefined
  const shutdown = async (signal: string) => {
    log(`lab:daemon stopping on ${signal}`)
    await cluster?.stop()
    state.write('stopped', new Date().toISOString())
    process.exitCode = 0
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
  cluster = await startSimCluster({
    kubernetesVersion: lab.profile.versions.kubernetes,
    clusterName: lab.profile.name,
    serviceSubnet: lab.topology.serviceSubnet,
    extraIps: lab.topology.nodes.map((n) => n.address),
    onError: (err) => log(`lab:apiserver internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  })
  state.write('ca.crt', cluster.pki.ca.certPem)
  state.write('ca.key', cluster.pki.ca.keyPem, true)
  state.write('apiserver.crt', cluster.pki.apiserver.certPem)
  state.write('apiserver.key', cluster.pki.apiserver.keyPem, true)
  state.write('kubeconfig', cluster.kubeconfig(), true)
  state.write('port', String(cluster.api.port))
  state.write('pid', String(process.pid))
  state.write('ready', cluster.api.url)
  log(`lab:daemon API server at ${cluster.api.url}`)
}
