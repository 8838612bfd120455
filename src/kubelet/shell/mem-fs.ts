import { posix } from 'node:path'

/** A file system failure, named by its errno. */
export class FsError extends Error {
  readonly code: 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'EEXIST' | 'ENOTEMPTY'
  constructor(code: FsError['code']) {
    super(FS_MESSAGES[code])
    this.code = code
    this.name = 'FsError'
  }
}

const FS_MESSAGES: Record<FsError['code'], string> = {
  ENOENT: 'No such file or directory',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EROFS: 'Read-only file system',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
}

/** What `stat` returns. */
export interface FsStat {
  type: 'file' | 'dir'
  size: number
  mode: number
  mtime: Date
}

type Node =
  | { type: 'dir'; mode: number; mtime: Date }
  | { type: 'file'; data: Buffer; mode: number; mtime: Date }

/** An in-memory tree of files and directories (one volume, or a container's root). */
export class MemFs {
  private nodes = new Map<string, Node>([['/', { type: 'dir', mode: 0o755, mtime: new Date() }]])

  /** Returns a node's stat, or undefined. */
  stat(p: string): FsStat | undefined {
    const n = this.nodes.get(norm(p))
    if (!n) return undefined
    return {
      type: n.type,
      size: n.type === 'file' ? n.data.length : 4096,
      mode: n.mode,
      mtime: n.mtime,
    }
  }

  /** Returns a file's bytes. */
  read(p: string): Buffer {
    const n = this.nodes.get(norm(p))
    if (!n) throw new FsError('ENOENT')
    if (n.type === 'dir') throw new FsError('EISDIR')
    return n.data
  }

  /** Writes (or appends to) a file; the parent directory must exist. */
  write(p: string, data: Buffer, opts: { append?: boolean; mode?: number } = {}): void {
    const key = norm(p)
    const parent = this.nodes.get(posix.dirname(key))
    if (!parent) throw new FsError('ENOENT')
    if (parent.type !== 'dir') throw new FsError('ENOTDIR')
    const old = this.nodes.get(key)
    if (old?.type === 'dir') throw new FsError('EISDIR')
    const body = opts.append && old?.type === 'file' ? Buffer.concat([old.data, data]) : data
    this.nodes.set(key, {
      type: 'file',
      data: body,
      mode: opts.mode ?? old?.mode ?? 0o644,
      mtime: new Date(),
    })
  }

  /** Creates a directory (and, with `parents`, the ones above it). */
  mkdir(p: string, parents = false): void {
    const key = norm(p)
    const n = this.nodes.get(key)
    if (n) {
      if (parents && n.type === 'dir') return
      throw new FsError('EEXIST')
    }
    const up = posix.dirname(key)
    if (!this.nodes.has(up)) {
      if (!parents) throw new FsError('ENOENT')
      this.mkdir(up, true)
    }
    this.nodes.set(key, { type: 'dir', mode: 0o755, mtime: new Date() })
  }

  /** Returns the names in a directory, sorted. */
  readdir(p: string): string[] {
    const key = norm(p)
    const n = this.nodes.get(key)
    if (!n) throw new FsError('ENOENT')
    if (n.type !== 'dir') throw new FsError('ENOTDIR')
    const prefix = key === '/' ? '/' : `${key}/`
    const out: string[] = []
    for (const k of this.nodes.keys())
      if (k.startsWith(prefix) && k !== key && !k.slice(prefix.length).includes('/'))
        out.push(k.slice(prefix.length))
    return out.sort()
  }

  /** Removes a file, or a directory (its contents too with `recursive`). */
  remove(p: string, recursive = false): void {
    const key = norm(p)
    const n = this.nodes.get(key)
    if (!n || key === '/') throw new FsError(key === '/' ? 'EISDIR' : 'ENOENT')
    if (n.type === 'dir') {
      const children = this.readdir(key)
      if (children.length && !recursive) throw new FsError('ENOTEMPTY')
      for (const c of children) this.remove(posix.join(key, c), true)
    }
    this.nodes.delete(key)
  }
}

function norm(p: string): string {
  return posix.normalize(`/${p}`).replace(/(.)\/$/, '$1')
}
