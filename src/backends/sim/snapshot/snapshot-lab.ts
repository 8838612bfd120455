import { resolve } from 'node:path'
import { daemonState } from '../daemon/daemon-control.js'
import { execOnMachine } from '../daemon/machine-socket.js'
import { StateDir } from '../../state-dir.js'
import { SNAPSHOT_COMMAND, type SnapshotSummary } from './daemon-snapshots.js'

/** Returns the default snapshot file name for a moment: `lab-20181124-093000.snap`. */
export function defaultSnapshotName(now = new Date()): string {
  const t = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `lab-${t}.snap`
}

/**
 * Asks the running lab's daemon to write a snapshot of itself to `out` (the daemon holds the
 * state: objects, kubelets, logs). Throws when no sim lab runs in the state dir.
 */
export async function snapshotLab(stateDir: string, out: string): Promise<SnapshotSummary> {
  const state = new StateDir(stateDir)
  const s = daemonState(state)
  if (s.state === 'down' || s.state === 'dead')
    throw new Error(`failed to take a snapshot: no lab is up in ${stateDir}`)
  const r = await execOnMachine(state.path('machines.sock'), 'daemon', [
    SNAPSHOT_COMMAND,
    resolve(out),
  ])
  if (r.code !== 0)
    throw new Error(
      `failed to take a snapshot: ${(r.stderr || r.stdout).trim() || `exit ${r.code}`}`
    )
  return JSON.parse(r.stdout) as SnapshotSummary
}
