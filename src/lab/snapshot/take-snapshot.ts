import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { dumpStore } from '../../apiserver/index.js'
import type { ScheduleState, StartedSimLab } from '../../backends/sim/index.js'
import type { Topology } from '../../cluster/index.js'
import { readInstallRecord } from '../daemon-control.js'
import type { LabOptions } from '../lab-options.js'
import { StateDir } from '../state-dir.js'
import { labVersion } from './lab-version.js'
import { encodeSnapshot, newHeader } from './snapshot-codec.js'
import type { DefinitionFile, LabSnapshot } from './snapshot-types.js'
import { collectStateFiles } from './state-files.js'

/** What the daemon knows of its lab besides the running lab itself. */
export interface SnapshotSource {
  lab: StartedSimLab
  opts: LabOptions
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
  const def = (path: string): DefinitionFile => ({
    name: basename(path),
    text: readFileSync(path, 'utf8'),
  })
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
      kindConfig: def(opts.config),
      profile: def(opts.profile),
      ...(opts.scenario ? { scenario: def(opts.scenario) } : {}),
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

function pick(o: LabOptions) {
  return {
    ...(o.timeFactor !== undefined ? { timeFactor: o.timeFactor } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.policy ? { policy: o.policy } : {}),
    ...(o.auth ? { auth: true } : {}),
    ...(o.nodeAddressOffset ? { nodeAddressOffset: o.nodeAddressOffset } : {}),
  }
}
