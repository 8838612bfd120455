import { posix } from 'node:path'
import { FsError, MemFs, type FsStat } from './mem-fs.js'

/** A volume mounted into a container. */
export interface Mount {
  path: string
  fs: MemFs
  readOnly: boolean
}

/**
 * A container's file system view: its own writable root, with volumes mounted over it (the
 * longest mount path wins). Paths are absolute or relative to the caller's working directory.
 */
export class ContainerFs {
  readonly root: MemFs
  private mounts: Mount[]

  constructor(root: MemFs, mounts: Mount[]) {
    this.root = root
    this.mounts = [...mounts].sort((a, b) => b.path.length - a.path.length)
    for (const m of mounts) this.root.mkdir(m.path, true)
  }

  /** Returns the absolute, normalised form of `p` seen from `cwd`. */
  static abs(cwd: string, p: string): string {
    return posix.normalize(posix.isAbsolute(p) ? p : posix.join(cwd, p)).replace(/(.)\/$/, '$1')
  }

  private at(p: string): { fs: MemFs; rel: string; readOnly: boolean } {
    for (const m of this.mounts) {
      if (p === m.path || p.startsWith(`${m.path}/`))
        return { fs: m.fs, rel: p.slice(m.path.length) || '/', readOnly: m.readOnly }
    }
    return { fs: this.root, rel: p, readOnly: false }
  }

  stat(p: string): FsStat | undefined {
    const { fs, rel } = this.at(p)
    return fs.stat(rel)
  }

  read(p: string): Buffer {
    const { fs, rel } = this.at(p)
    return fs.read(rel)
  }

  write(p: string, data: Buffer, opts: { append?: boolean; mode?: number } = {}): void {
    const { fs, rel, readOnly } = this.at(p)
    if (readOnly) throw new FsError('EROFS')
    fs.write(rel, data, opts)
  }

  mkdir(p: string, parents = false): void {
    const { fs, rel, readOnly } = this.at(p)
    if (readOnly) throw new FsError('EROFS')
    fs.mkdir(rel, parents)
  }

  readdir(p: string): string[] {
    const { fs, rel } = this.at(p)
    const names = new Set(fs.readdir(rel))
    const prefix = p === '/' ? '/' : `${p}/`
    for (const m of this.mounts)
      if (m.path.startsWith(prefix) && !m.path.slice(prefix.length).includes('/'))
        names.add(m.path.slice(prefix.length))
    return [...names].sort()
  }

  remove(p: string, recursive = false): void {
    const { fs, rel, readOnly } = this.at(p)
    if (readOnly) throw new FsError('EROFS')
    fs.remove(rel, recursive)
  }
}
