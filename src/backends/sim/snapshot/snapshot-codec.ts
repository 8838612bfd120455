import { createHash } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import type { KubeObject } from '../../../api/types.js'
import type { ContainerLogDump } from '../../../kubelet/index.js'
import {
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
  type LabSnapshot,
  type SnapshotFile,
  type SnapshotHeader,
} from './snapshot-types.js'

/** One line of the NDJSON body; `t` says which. */
type SnapshotRecord =
  | ({ t: 'header' } & SnapshotHeader)
  | { t: 'lab'; lab: LabSnapshot['lab'] }
  | { t: 'pki'; pki: LabSnapshot['pki'] }
  | { t: 'machines'; machines: LabSnapshot['machines'] }
  | { t: 'object'; s: string; o: KubeObject }
  | ({ t: 'log' } & ContainerLogDump)
  | ({ t: 'file' } & SnapshotFile)
  | { t: 'schedule'; schedule: NonNullable<LabSnapshot['schedule']> }
  | { t: 'telemetry'; telemetry: NonNullable<LabSnapshot['telemetry']> }
  | { t: 'end'; records: number; sha256: string }

/**
 * Encodes a snapshot: gzip of NDJSON records (header, lab, pki, machines, one per object, log
 * and file, the telemetry, and the scenario's schedule when it has one), ending with an `end` record that counts them and holds the SHA-256 of every line
 * before it. See docs/snapshots.md.
 */
export function encodeSnapshot(s: LabSnapshot): Buffer {
  const hash = createHash('sha256')
  const parts: string[] = []
  const add = (r: SnapshotRecord) => {
    const line = `${JSON.stringify(r)}\n`
    hash.update(line)
    parts.push(line)
  }
  add({ t: 'header', ...s.header })
  add({ t: 'lab', lab: s.lab })
  add({ t: 'pki', pki: s.pki })
  add({ t: 'machines', machines: s.machines })
  for (const [storage, o] of s.store.objects) add({ t: 'object', s: storage, o })
  for (const l of s.logs) add({ t: 'log', ...l })
  for (const f of s.files) add({ t: 'file', ...f })
  if (s.telemetry) add({ t: 'telemetry', telemetry: s.telemetry })
  if (s.schedule) add({ t: 'schedule', schedule: s.schedule })
  const records = parts.length
  parts.push(`${JSON.stringify({ t: 'end', records, sha256: hash.digest('hex') })}\n`)
  return gzipSync(Buffer.from(parts.join('')), { level: 6 })
}

/** Returns this lab's version and the header a snapshot written now would carry. */
export function newHeader(
  labVersion: string,
  rv: number,
  counts: SnapshotHeader['counts'],
  now = new Date()
): SnapshotHeader {
  return {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    labVersion,
    createdAt: now.toISOString(),
    rv,
    counts,
  }
}

/**
 * Decodes a snapshot written by `encodeSnapshot`. Throws an Error naming the file and the
 * problem: not gzip, truncated, corrupted (checksum), not a snapshot, another format version,
 * or written by another lab version (both versions named).
 */
export function decodeSnapshot(data: Buffer, file: string, labVersion: string): LabSnapshot {
  const fail = (why: string, cause?: unknown): never => {
    throw new Error(`failed to read the snapshot ${file}: ${why}`, cause ? { cause } : undefined)
  }
  let text: string
  try {
    text = gunzipSync(data).toString('utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return fail(
      code === 'Z_BUF_ERROR'
        ? 'the file is truncated (its compressed data ends early)'
        : `the file is corrupted or not a snapshot (${(err as Error).message})`,
      err
    )
  }
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const parse = (i: number): SnapshotRecord => {
    try {
      return JSON.parse(lines[i]!) as SnapshotRecord
    } catch (err) {
      return fail(`record ${i + 1} is not JSON: the file is corrupted`, err)
    }
  }
  const header = parse(0)
  if (header.t !== 'header' || header.format !== SNAPSHOT_FORMAT)
    return fail(`it is not a lab snapshot (its first record is not a "${SNAPSHOT_FORMAT}" header)`)
  if (header.labVersion !== labVersion)
    return fail(
      `it was written by onap-mesh-lab ${header.labVersion}, and this is onap-mesh-lab ${labVersion}: restore it with version ${header.labVersion}`
    )
  if (header.formatVersion !== SNAPSHOT_FORMAT_VERSION)
    return fail(
      `its format version is ${header.formatVersion}, and this lab reads format version ${SNAPSHOT_FORMAT_VERSION}`
    )
  const end = lines.length > 1 ? parse(lines.length - 1) : undefined
  if (end?.t !== 'end' || end.records !== lines.length - 1)
    return fail('the file is truncated (no end record after the last one)')
  const hash = createHash('sha256')
  for (let i = 0; i < lines.length - 1; i++) hash.update(`${lines[i]}\n`)
  if (hash.digest('hex') !== end.sha256)
    return fail('the file is corrupted (its checksum does not match its records)')
  return assemble(lines, parse, strip(header), fail)
}

function assemble(
  lines: string[],
  parse: (i: number) => SnapshotRecord,
  header: SnapshotHeader,
  fail: (why: string) => never
): LabSnapshot {
  const s: Partial<LabSnapshot> = { header, logs: [], files: [] }
  const objects: [string, KubeObject][] = []
  for (let i = 1; i < lines.length - 1; i++) {
    const r = parse(i)
    if (r.t === 'object') objects.push([r.s, r.o])
    else if (r.t === 'lab') s.lab = r.lab
    else if (r.t === 'pki') s.pki = r.pki
    else if (r.t === 'machines') s.machines = r.machines
    else if (r.t === 'log') s.logs!.push(strip(r))
    else if (r.t === 'file') s.files!.push(strip(r))
    else if (r.t === 'schedule') s.schedule = r.schedule
    else if (r.t === 'telemetry') s.telemetry = r.telemetry
    else fail(`record ${i + 1} has an unknown type "${(r as { t: string }).t}"`)
  }
  for (const k of ['lab', 'pki', 'machines'] as const) if (!s[k]) fail(`it has no "${k}" record`)
  const got = { objects: objects.length, logs: s.logs!.length, files: s.files!.length }
  for (const k of ['objects', 'logs', 'files'] as const)
    if (got[k] !== header.counts[k])
      fail(`its header counts ${header.counts[k]} ${k} records, the file holds ${got[k]}`)
  return { ...(s as LabSnapshot), store: { rv: header.rv, objects } }
}

function strip<T extends { t: string }>(r: T): Omit<T, 't'> {
  const { t: _t, ...rest } = r
  return rest
}
