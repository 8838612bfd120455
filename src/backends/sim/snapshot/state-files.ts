import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import type { SnapshotFile } from './snapshot-types.js'

/**
 * What of a state dir a snapshot keeps: the chart repository's packages and index, helm's own
 * config and cache (the `local` repository), the transcript, the install record and the event
 * journal (`lab:events`). Credentials,
 * the kubeconfig, the pid and the socket are not files to keep: the restored daemon writes them.
 */
export const KEPT_STATE = [
  'charts/dist',
  'helm',
  'transcript',
  'install.json',
  'journal.ndjson',
] as const

/** Returns the kept files of a state dir, each with its mode and content. */
export function collectStateFiles(stateDir: string): SnapshotFile[] {
  const out: SnapshotFile[] = []
  const visit = (path: string) => {
    if (!existsSync(path)) return
    const st = statSync(path)
    if (st.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name))
      return
    }
    if (!st.isFile()) return
    out.push({
      path: relative(stateDir, path).split(sep).join('/'),
      mode: st.mode & 0o777,
      data: readFileSync(path).toString('base64'),
    })
  }
  for (const p of KEPT_STATE) visit(join(stateDir, p))
  return out
}

/** Writes snapshot files into a state dir; throws on a path that would leave it. */
export function writeStateFiles(stateDir: string, files: readonly SnapshotFile[]): void {
  for (const f of files) {
    const target = join(stateDir, f.path)
    const rel = relative(stateDir, target)
    if (rel.startsWith('..') || rel === '' || f.path.startsWith('/'))
      throw new Error(`failed to restore the file "${f.path}": it is outside the state dir`)
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 })
    writeFileSync(target, Buffer.from(f.data, 'base64'), { mode: f.mode & 0o777 })
  }
}
