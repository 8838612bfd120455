import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { loadStore, storeBootstrapPolicy, syncCrd } from '../../../apiserver/index.js'
import type { SimLabOptions, StartedSimLab } from '../sim-lab.js'
import { servedChartsUrl } from '../daemon/machine-commands.js'
import type { MachineExec } from '../daemon/machine-socket.js'
import { takeSnapshot, writeSnapshotFile, type SnapshotSource } from './take-snapshot.js'
import type { LabSnapshot } from './snapshot-types.js'

/** The machine-socket command the daemon answers with a snapshot of itself. */
export const SNAPSHOT_COMMAND = 'lab-snapshot'

/** What `lab-snapshot` answers on stdout (JSON). */
export interface SnapshotSummary {
  file: string
  bytes: number
  rv: number
  objects: number
  ms: number
}

/**
 * Wraps the daemon's machine commands: `lab-snapshot <file>` writes a snapshot of the lab and
 * answers a SnapshotSummary; a `helm serve` that succeeds is remembered (snapshots record where
 * the chart repository answers). Everything else passes through.
 */
export function snapshotCommands(
  src: Omit<SnapshotSource, 'chartRepo'>,
  exec: MachineExec
): MachineExec {
  let chartRepo: string | undefined
  return async (node, argv) => {
    if (argv[0] === SNAPSHOT_COMMAND) {
      const file = argv[1]
      if (!file) return { code: 2, stdout: '', stderr: `${SNAPSHOT_COMMAND} needs a file\n` }
      const t0 = performance.now()
      const snap = takeSnapshot({ ...src, ...(chartRepo ? { chartRepo } : {}) })
      const bytes = writeSnapshotFile(file, snap)
      const summary: SnapshotSummary = {
        file,
        bytes,
        rv: snap.header.rv,
        objects: snap.header.counts.objects,
        ms: Math.round(performance.now() - t0),
      }
      return { code: 0, stdout: `${JSON.stringify(summary)}\n`, stderr: '' }
    }
    const r = await exec(node, argv)
    if (argv[0] === 'helm' && argv[1] === 'serve') chartRepo = servedChartsUrl(r) ?? chartRepo
    return r
  }
}

/** Returns what a sim lab restored from `snap` is started with: its credentials and its store. */
export function restoreHooks(snap: LabSnapshot): NonNullable<SimLabOptions['restore']> {
  return {
    pki: snap.pki,
    load(cluster) {
      loadStore(cluster.api.store, snap.store)
      // As kube-apiserver at every start: bootstrap roles a snapshot lacks (one taken by an older
      // lab) are created; those it holds stay as they are.
      const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z')
      storeBootstrapPolicy(cluster.api.store, () => ({ uid: randomUUID(), creationTimestamp: now }))
      for (const [storage, o] of snap.store.objects)
        if (storage === 'customresourcedefinitions.apiextensions.k8s.io')
          syncCrd(cluster.api.catalog, o, false)
    },
  }
}

/**
 * Starts again what ran on the restored lab's machines: the workers' kubelets first (their
 * heartbeats fresh before the node lifecycle controller looks), then the control plane with the
 * master's kubelet, then the chart repository on its old address. Its logs are put back first.
 */
export async function resumeMachines(
  lab: StartedSimLab,
  snap: LabSnapshot,
  o: { master: string; stateDir: string; exec: MachineExec }
): Promise<void> {
  lab.logs.load(snap.logs)
  if (snap.telemetry) {
    lab.dataPlane.addons.telemetry.load(snap.telemetry.metrics)
    lab.dataPlane.addons.spans.load(snap.telemetry.spans)
  }
  for (const node of snap.machines.kubelets)
    if (node !== o.master) await lab.machines.startWorker(node)
  if (snap.machines.controlPlane) await lab.machines.initMaster()
  // kube-proxy opens NodePorts on running nodes; the nodes were known before their kubelets ran.
  lab.dataPlane.network.refresh()
  if (!snap.machines.chartRepo) return
  const { host, port } = new URL(snap.machines.chartRepo)
  const dist = join(o.stateDir, 'charts', 'dist')
  const r = await o.exec(o.master, [
    'helm',
    'serve',
    '--repo-path',
    dist,
    '--address',
    `${host}:${port}`,
  ])
  if (r.code !== 0)
    throw new Error(
      `failed to serve the chart repository at ${snap.machines.chartRepo} again: ${r.stderr.trim()}`
    )
}
