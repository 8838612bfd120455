import { appendFileSync, mkdirSync, readFileSync } from 'node:fs'
import { basename, relative, resolve } from 'node:path'
import type { KubeObject } from '../../../api/types.js'
import { pageUrls, type PageUrl } from '../../../network/index.js'
import type { BackendOptions } from '../../backend.js'
import { writeInstallRecord } from '../../install-record.js'
import { StateDir } from '../../state-dir.js'
import { AddressClaims } from '../address-claims.js'
import { daemonState, guardInterrupts, startDaemon, stopDaemon } from '../daemon/daemon-control.js'
import { daemonStart } from '../daemon/daemon-start.js'
import { readSnapshotFile } from './read-snapshot.js'
import type { LabSnapshot } from './snapshot-types.js'
import { writeStateFiles } from './state-files.js'

/** What came of `lab:up --from-snapshot`. */
export interface RestoreResult {
  kubeconfig: string
  url: string
  /** The snapshot's resourceVersion: a watch from it sees what the restored lab does next. */
  rv: number
  objects: number
  createdAt: string
  repoUrl?: string
  urls: PageUrl[]
}

/**
 * Stands up a lab from a snapshot file: checks the whole file first (version, truncation,
 * checksum) so that a bad one is refused before anything is written, then writes its definition
 * and kept files into the state dir and starts a daemon that serves the snapshot's objects and
 * resumes its machines. Any failure removes the state dir again.
 */
export async function restoreLab(
  root: string,
  opts: BackendOptions,
  out: { line(text: string): void }
): Promise<RestoreResult> {
  const file = resolve(opts.fromSnapshot ?? '')
  const snap = readSnapshotFile(file)
  const state = new StateDir(opts.stateDir)
  const s = daemonState(state)
  if (s.state === 'up' || s.state === 'incomplete')
    throw new Error(
      `failed to restore ${file}: a lab is already up in ${state.dir}; stop it (npm run lab:down) or restore with --state-dir <another folder>`
    )
  if (s.state === 'dead') {
    out.line(`Removing the state of a lab whose daemon (pid ${s.pid}) died.`)
    await stopDaemon(state)
  }
  const restored = restoredOptions(opts, snap, state, file)
  // The snapshot's definition, parsed here: the daemon is handed it and reads no file of it.
  const start = daemonStart(restored, (p) => definitionText(snap, restored, p))
  const addresses = start.definition.topology.nodes.map((n) => n.address)
  const claims = new AddressClaims()
  const held = addresses.find((a) => claims.holder(a, state.dir))
  if (held)
    throw new Error(
      `failed to restore ${file}: its node address ${held} belongs to the lab in ${claims.holder(held, state.dir)}; stop that lab first`
    )
  const until = snap.lab.until
  const unguard = guardInterrupts(state, { retain: false, until, line: out.line })
  try {
    state.ensure()
    mkdirSync(state.path('definition'), { recursive: true, mode: 0o700 })
    state.write(relative(state.dir, restored.config), snap.lab.kindConfig.text)
    state.write(relative(state.dir, restored.profile), snap.lab.profile.text)
    if (snap.lab.scenario && restored.scenario)
      state.write(relative(state.dir, restored.scenario), snap.lab.scenario.text)
    writeStateFiles(state.dir, snap.files)
    writeInstallRecord(state, { until, complete: false })
    appendFileSync(
      state.secretFile('transcript'),
      `# the lab was restored from ${file} (taken ${snap.header.createdAt}, resourceVersion ${snap.header.rv})\n`
    )
    claims.claim(addresses, state.dir)
    const url = await startDaemon(root, start)
    writeInstallRecord(state, { until, complete: true })
    const services = snapshotObjects(snap, 'services')
    return {
      kubeconfig: state.kubeconfig,
      url,
      rv: snap.header.rv,
      objects: snap.header.counts.objects,
      createdAt: snap.header.createdAt,
      ...(snap.machines.chartRepo ? { repoUrl: snap.machines.chartRepo } : {}),
      urls: pageUrls(services, addresses),
    }
  } catch (err) {
    await stopDaemon(state)
    throw new Error(`failed to restore ${file}: ${(err as Error).message}`, { cause: err })
  } finally {
    unguard()
  }
}

/** The options the restored lab runs with: the snapshot's definition (copied into the state dir). */
function restoredOptions(
  opts: BackendOptions,
  snap: LabSnapshot,
  state: StateDir,
  file: string
): BackendOptions {
  const { lab } = snap
  const { until: _until, ...rest } = opts
  return {
    ...rest,
    backend: 'sim',
    fromSnapshot: file,
    config: state.path(`definition/config-${basename(lab.kindConfig.name)}`),
    profile: state.path(`definition/profile-${basename(lab.profile.name)}`),
    ...(lab.scenario
      ? { scenario: state.path(`definition/scenario-${basename(lab.scenario.name)}`) }
      : {}),
    ...(lab.timeFactor !== undefined ? { timeFactor: lab.timeFactor } : {}),
    ...(lab.seed !== undefined ? { seed: continuationSeed(lab.seed, snap.header.rv) } : {}),
    ...(lab.policy ? { policy: lab.policy } : {}),
    ...(lab.auth ? { auth: true } : {}),
    ...(lab.nodeAddressOffset ? { nodeAddressOffset: lab.nodeAddressOffset } : {}),
  }
}

/**
 * Returns the seed a restored lab runs with: the snapshot's seed alone would replay the random
 * choices the original lab already made (the names and UIDs it gave its objects, which exist),
 * so the restored run takes one derived from it and the snapshot's resourceVersion — the same
 * snapshot restores to the same run.
 */
export function continuationSeed(seed: number, rv: number): number {
  return ((Math.imul(seed, 1_000_003) + rv) >>> 0) % 2 ** 31
}

function definitionText(snap: LabSnapshot, o: BackendOptions, path: string): string {
  if (path === o.config) return snap.lab.kindConfig.text
  if (path === o.profile) return snap.lab.profile.text
  if (path === o.scenario && snap.lab.scenario) return snap.lab.scenario.text
  return readFileSync(path, 'utf8')
}

/** Returns the objects of one storage in a snapshot (`services`, `pods`). */
export function snapshotObjects(snap: LabSnapshot, storage: string): KubeObject[] {
  return snap.store.objects.filter(([s]) => s === storage).map(([, o]) => o)
}
