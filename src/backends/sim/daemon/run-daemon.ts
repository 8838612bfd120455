import type { webcrypto } from 'node:crypto'
import { addKeyPairs } from '../../../util/index.js'
import { StateDir } from '../../state-dir.js'
import { startSimLab, type StartedSimLab } from '../sim-lab.js'
import { restoreHooks, resumeMachines, snapshotCommands } from '../snapshot/daemon-snapshots.js'
import { JOURNAL_FILE, startJournal } from '../snapshot/event-journal.js'
import { readSnapshotFile } from '../snapshot/read-snapshot.js'
import type { DaemonStart } from './daemon-start.js'
import { machineCommands } from './machine-commands.js'
import { watchStateDir } from './orphan-watch.js'
import { serveMachineSocket } from './machine-socket.js'
import { runScenarioSchedule, type RunningSchedule } from './scenario-run.js'

/**
 * Runs the sim lab in this process until SIGTERM/SIGINT: the API server and the lab's machines
 * (idle until kubeadm runs on them through the machine socket). It runs the lab `start` gives,
 * as `lab:up` parsed it. State goes to the state dir. `keyPairs` (generated while the daemon
 * loaded, earlyKeyPairs) are the first its certificates take.
 */
export async function runDaemon(
  start: DaemonStart,
  o: { keyPairs?: readonly Promise<webcrypto.CryptoKeyPair>[] } = {}
): Promise<void> {
  if (o.keyPairs) addKeyPairs(o.keyPairs)
  const { options: opts, definition: def, scenario } = start
  const state = new StateDir(opts.stateDir)
  const log = (msg: string) => process.stderr.write(`${new Date().toISOString()} ${msg}\n`)
  const snap = opts.fromSnapshot ? readSnapshotFile(opts.fromSnapshot) : undefined
  const lab: StartedSimLab = await startSimLab({
    topology: def.topology,
    timeFactor: def.profile.timeFactor,
    ...(def.seed !== undefined ? { seed: def.seed } : {}),
    stateDir: opts.stateDir,
    ...(scenario ? { scenario } : {}),
    ...(snap ? { restore: restoreHooks(snap) } : {}),
    log,
    onError: (err) =>
      log(`lab:sim error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  })
  const journal = startJournal(lab, state.path(JOURNAL_FILE))
  const commands = machineCommands(lab)
  let schedule: RunningSchedule | undefined
  const exec = snapshotCommands(
    {
      lab,
      opts,
      files: start.files,
      topology: def.topology,
      schedule: () => schedule?.state(),
    },
    commands.exec
  )
  const closeSocket = await serveMachineSocket(state.path('machines.sock'), exec)
  if (snap) {
    const master = def.topology.nodes.find((n) => n.role === 'control-plane')!.name
    await resumeMachines(lab, snap, { master, stateDir: opts.stateDir, exec })
    log(`lab:daemon restored ${opts.fromSnapshot} (resourceVersion ${snap.header.rv})`)
  }
  if (scenario)
    schedule = runScenarioSchedule({
      lab,
      scenario,
      exec: commands.exec,
      state,
      log,
      note: (name, what) => journal.note(name, what),
      ...(snap?.schedule ? { resume: snap.schedule } : {}),
    })
  // An orphan (its state dir gone) writes nothing there: that would make the dir again.
  const shutdown = async (signal: string, orphan = false) => {
    log(`lab:daemon stopping on ${signal}`)
    // Each part stops even when one before it fails (an orphan's journal has no file to end).
    const steps = [
      () => schedule?.stop(),
      closeSocket,
      () => commands.stop(),
      () => journal.stop(),
      () => lab.stop(),
      () => (orphan ? undefined : state.write('stopped', new Date().toISOString())),
    ]
    for (const step of steps)
      await Promise.resolve()
        .then(step)
        .catch((err: unknown) => log(`lab:daemon failed to stop a part: ${String(err)}`))
    process.exit(0)
  }
  process.once('SIGTERM', () => void shutdown('SIGTERM'))
  process.once('SIGINT', () => void shutdown('SIGINT'))
  const { cluster } = lab
  state.write('ca.crt', cluster.pki.ca.certPem)
  state.write('ca.key', cluster.pki.ca.keyPem, true)
  state.write('apiserver.crt', cluster.pki.apiserver.certPem)
  state.write('apiserver.key', cluster.pki.apiserver.keyPem, true)
  state.write('kubeconfig', cluster.kubeconfig(), true)
  state.write('port', String(cluster.api.port))
  state.write('pid', String(process.pid))
  watchStateDir(state, process.pid, (why) => void shutdown(why, true))
  state.write('ready', cluster.api.url)
  log(`lab:daemon API server at ${cluster.api.url}`)
}
