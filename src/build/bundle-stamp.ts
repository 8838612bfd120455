import { statSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'

/** A file's stamp: its modification time (ms) and size; -1 marks one to rebuild for. */
export type FileStamp = [mtimeMs: number, size: number]

/** What a bundle was built from: each input file's and scanned directory's stamp, by path. */
export interface BundleStamps {
  files: Record<string, FileStamp>
  /** Directories read at run time (their file lists decide what is bundled). */
  dirs: Record<string, FileStamp>
}

function stampOf(root: string, path: string): FileStamp | undefined {
  try {
    const s = statSync(isAbsolute(path) ? path : join(root, path))
    return [s.mtimeMs, s.isDirectory() ? 0 : s.size]
  } catch {
    return undefined
  }
}

/**
 * Returns the stamps of the files and directories (paths relative to `root`) as they are now.
 * One changed after `builtAt` (during the build, which may have read it before the change) is
 * stamped -1 so that the next check rebuilds: a bundle is never trusted for an edit it may lack.
 */
export function takeStamps(
  root: string,
  files: readonly string[],
  dirs: readonly string[],
  builtAt: number
): BundleStamps {
  const take = (paths: readonly string[]) =>
    Object.fromEntries(
      paths.map((p) => {
        const s = stampOf(root, p)
        return [p, s && s[0] < builtAt ? s : ([-1, -1] as FileStamp)]
      })
    )
  return { files: take(files), dirs: take(dirs) }
}

/**
 * Returns why the stamps no longer match the files (the first input changed, grown, shrunk or
 * gone, or a scanned directory whose file list changed), or undefined when all still match.
 */
export function staleInput(root: string, stamps: BundleStamps): string | undefined {
  for (const [kind, table] of [
    ['file', stamps.files],
    ['directory', stamps.dirs],
  ] as const) {
    for (const [path, want] of Object.entries(table)) {
      const now = stampOf(root, path)
      if (!now) return `${kind} ${path} is gone`
      if (want[0] < 0 || now[0] !== want[0] || now[1] !== want[1]) return `${kind} ${path} changed`
    }
  }
  return undefined
}
