import type { StoredSpan, TelemetryDump } from '../../../addons/index.js'
import type { StoreDump } from '../../../apiserver/index.js'
import type { ScheduleState } from '../scenario-scheduler.js'
import type { SimPki } from '../sim-pki.js'
import type { ContainerLogDump } from '../../../kubelet/index.js'

/** The `format` every snapshot's header carries. */
export const SNAPSHOT_FORMAT = 'onap-mesh-lab/snapshot'

/** The version of the record layout (docs/snapshots.md); a reader refuses any other. */
export const SNAPSHOT_FORMAT_VERSION = 1

/** The first record: what the file is and what wrote it. */
export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT
  formatVersion: number
  /** The lab's version (package.json) that wrote it; a restore needs the same. */
  labVersion: string
  /** When it was taken (RFC 3339, wall clock). */
  createdAt: string
  /** The API's resourceVersion counter at that moment. */
  rv: number
  /** How many object, log and file records follow (checked on read). */
  counts: { objects: number; logs: number; files: number }
}

/** A text file of the lab's definition, under the name it had. */
export interface DefinitionFile {
  name: string
  text: string
}

/** What the lab was built from: the options that shape it and the definition files' text. */
export interface SnapshotLab {
  kindConfig: DefinitionFile
  profile: DefinitionFile
  scenario?: DefinitionFile
  /** The install step the lab was built to (`--until`, or the last one). */
  until: string
  timeFactor?: number
  seed?: number
  policy?: 'enabled' | 'disabled'
  auth?: boolean
  nodeAddressOffset?: number
}

/** The lab's machines: which kubelets ran, whether kubeadm init ran, where charts were served. */
export interface SnapshotMachines {
  /** kubeadm init ran: the control plane (controllers, scheduler, node lifecycle) runs. */
  controlPlane: boolean
  /** Nodes whose kubelet ran (joined and not powered off). */
  kubelets: string[]
  /** The chart repository (`helm serve`) URL, when it was served. */
  chartRepo?: string
}

/** A file of the state dir (chart packages, helm's repository config, the transcript). */
export interface SnapshotFile {
  /** Relative to the state dir, `/`-separated. */
  path: string
  mode: number
  /** The content, base64. */
  data: string
}

/** The telemetry store's content and the tracing store's spans. */
export interface SnapshotTelemetry {
  metrics: TelemetryDump
  spans: StoredSpan[]
}

/** A lab's whole state, as one snapshot file holds it. */
export interface LabSnapshot {
  header: SnapshotHeader
  lab: SnapshotLab
  pki: SimPki
  machines: SnapshotMachines
  store: StoreDump
  logs: ContainerLogDump[]
  files: SnapshotFile[]
  /** The mesh's telemetry as the lab holds it: Mixer's metrics and the spans Jaeger keeps. */
  telemetry?: SnapshotTelemetry
  /** The scenario's schedule (entries left, time since its start), when it schedules any. */
  schedule?: ScheduleState
}
