import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { dumpStore } from '../../../apiserver/index.js'
import type { ScheduleState } from '../scenario-scheduler.js'
import type { StartedSimLab } from '../sim-lab.js'
import type { Topology } from '../../../cluster/index.js'
import type { BackendOptions } from '../../backend.js'
import { readInstallRecord } from '../../install-record.js'
import { StateDir } from '../../state-dir.js'
import { labVersion } from './lab-version.js'
import { encodeSnapshot, newHeader } from './snapshot-codec.js'
import type { DefinitionFile, LabSnapshot } from './snapshot-types.js'
import { collectStateFiles } from './state-files.js'

/** The options a snapshot records (and, without `files`, where the definition's files are). */
export type SnapshotOptions = Pick<
  BackendOptions,
  'stateDir' | 'timeFactor' | 'seed' | 'policy' | 'auth' | 'nodeAddressOffset'
> &
  Partial<Pick<BackendOptions, 'config' | 'profile' | 'scenario'>>

/** The definition's files a snapshot keeps. */
export interface DefinitionFiles {
  kindConfig: DefinitionFile
  profile: DefinitionFile
  scenario?: DefinitionFile
}

/** What the daemon knows of its lab besides the running lab itself. */
export interface SnapshotSource {
  lab: StartedSimLab
  opts: SnapshotOptions
  /** The definition's files as the lab was started from them (default: read from `opts`' paths). */
  files?: DefinitionFiles
  topology: Topology
  /** The chart repository's URL, once `helm serve` ran. */
  chartRepo?: string
  /** The scenario's schedule now (undefined when it schedules nothing). */
  schedule?: () => ScheduleState | undefined
}

/**
 * Returns the running lab's whole state at this instant: the store's objects and counter (read in
 * one synchronous pass, so they are one consistent version), the definition, credentials, which
 * machines run, the containers' logs, the state dir's kept files and the scenario's schedule.
 */
export function takeSnapshot(src: SnapshotSource): LabSnapshot {
  const { lab, opts } = src
  const store = dumpStore(lab.cluster.api.store)
  const schedule = src.schedule?.()
  const logs = lab.logs.dump()
  const { telemetry, spans } = lab.dataPlane.addons
  const state = new StateDir(opts.stateDir)
  const files = collectStateFiles(opts.stateDir)
  const definition = src.files ?? readDefinitionFiles(opts)
  const controlPlane = store.objects.some(
    ([s, o]) =>
      s === 'configmaps' &&
      o.metadata.namespace === 'kube-public' &&
      o.metadata.name === 'cluster-info'
  )
  return {
    header: newHeader(labVersion(), store.rv, {
      objects: store.objects.length,
      logs: logs.length,
      files: files.length,
    }),
    lab: {
      ...definition,
      until: readInstallRecord(state)?.until ?? '',
      ...pick(opts),
    },
    pki: lab.cluster.pki,
    machines: {
      controlPlane,
      kubelets: src.topology.nodes.map((n) => n.name).filter((n) => lab.machines.running(n)),
      ...(src.chartRepo ? { chartRepo: src.chartRepo } : {}),
    },
    store,
    logs,
    files,
    telemetry: { metrics: telemetry.dump(), spans: spans.dump() },
    ...(schedule ? { schedule } : {}),
  }
}

/** Writes a snapshot file (mode 0600: it holds the lab's CA key and token) in one rename. */
export function writeSnapshotFile(path: string, s: LabSnapshot): number {
  const data = encodeSnapshot(s)
  const tmp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, data, { mode: 0o600 })
    renameSync(tmp, path)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw new Error(`failed to write the snapshot ${path}: ${(err as Error).message}`, {
      cause: err,
    })
  }
  return data.length
}

function readDefinitionFiles(o: SnapshotOptions): DefinitionFiles {
  if (!o.config || !o.profile)
    throw new Error('failed to take a snapshot: the lab definition is unknown (no files, no paths)')
  const def = (path: string): DefinitionFile => ({
    name: basename(path),
    text: readFileSync(path, 'utf8'),
  })
  return {
    kindConfig: def(o.config),
    profile: def(o.profile),
    ...(o.scenario ? { scenario: def(o.scenario) } : {}),
  }
}

function pick(o: SnapshotOptions) {
  return {
    ...(o.timeFactor !== undefined ? { timeFactor: o.timeFactor } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.policy ? { policy: o.policy } : {}),
    ...(o.auth ? { auth: true } : {}),
    ...(o.nodeAddressOffset ? { nodeAddressOffset: o.nodeAddressOffset } : {}),
  }
}
