import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The file that marks a directory as a lab's state directory: only a directory that has it (or
 * is empty) is ever removed, so a mistyped `--state-dir` (`""`, `.`, a home directory) loses
 * nothing.
 */
export const STATE_DIR_MARKER = '.onap-mesh-lab-state'

// What a state dir made before the mark existed holds: the sim daemon's start file, or the
// install record every backend's lab:up writes.
const LEGACY_MARKS = ['daemon-start.json', 'install.json']

/** The files of a lab's state directory (`.lab/`). */
export class StateDir {
  readonly dir: string

  constructor(dir: string) {
    this.dir = dir
  }

  /** Returns the path of a file in the state dir. */
  path(name: string): string {
    return join(this.dir, name)
  }

  /** The kubeconfig users and the specs read. */
  get kubeconfig(): string {
    return this.path('kubeconfig')
  }

  /**
   * Creates the directory, mode 0700 whatever the umask, also when it already existed, and marks
   * it as a lab's. A directory that holds other files and no mark is refused: the lab never
   * writes its keys into (nor later removes) a directory that is not its own.
   */
  ensure(): void {
    if (this.marked()) return
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    this.refuseForeign('use')
    chmodSync(this.dir, 0o700)
    writeFileSync(this.path(STATE_DIR_MARKER), 'onap-mesh-lab state directory\n', { mode: 0o600 })
  }

  /** Writes a file; secrets get mode 0600, others 0644, whatever the umask. */
  write(name: string, content: string, secret = false): void {
    this.ensure()
    const mode = secret ? 0o600 : 0o644
    writeFileSync(this.path(name), content, { mode })
    chmodSync(this.path(name), mode)
  }

  /**
   * Creates a file that will hold secrets (the transcript holds the join token, logs may too)
   * with mode 0600 before anyone writes it, so later writes keep that mode; returns its path.
   */
  secretFile(name: string): string {
    this.ensure()
    closeSync(openSync(this.path(name), 'a', 0o600))
    chmodSync(this.path(name), 0o600)
    return this.path(name)
  }

  /** Returns a file's text, or undefined when it is missing. */
  read(name: string): string | undefined {
    return existsSync(this.path(name)) ? readFileSync(this.path(name), 'utf8') : undefined
  }

  /**
   * Removes the whole state directory: only when it is a lab's (marked, or empty); throws, and
   * removes nothing, for a directory with other files (a mistyped `--state-dir`).
   */
  remove(): void {
    if (!existsSync(this.dir)) return
    this.refuseForeign('remove')
    rmSync(this.dir, { recursive: true, force: true })
  }

  // Whether the directory carries a lab's mark (or a legacy lab's start file).
  private marked(): boolean {
    return [STATE_DIR_MARKER, ...LEGACY_MARKS].some((f) => existsSync(this.path(f)))
  }

  // Throws when the directory holds files but no lab's mark.
  private refuseForeign(what: 'use' | 'remove'): void {
    if (this.marked()) return
    let entries: string[]
    try {
      entries = readdirSync(this.dir)
    } catch (err) {
      throw new Error(`failed to read the state directory ${resolve(this.dir)}`, { cause: err })
    }
    if (entries.length === 0) return
    const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '')
    throw new Error(
      `refusing to ${what} ${resolve(this.dir)} as the lab's state directory: it holds ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} (${shown}) and no ${STATE_DIR_MARKER} mark, so it is not a lab's; pass the --state-dir (LAB_STATE_DIR) lab:up used, or an empty or new directory`
    )
  }

  /** Returns the daemon's pid when it is alive. */
  livePid(): number | undefined {
    const pid = Number(this.read('pid'))
    if (!Number.isInteger(pid) || pid <= 0) return undefined
    try {
      process.kill(pid, 0)
    } catch {
      return undefined // ESRCH: the process is gone
    }
    return isZombie(pid) ? undefined : pid
  }
}

/**
 * A killed daemon stays in the process table until its parent reaps it; the
 * daemon is detached, so that parent is init, which in some containers never
 * reaps. Such a zombie answers signal 0 but runs nothing.
 */
function isZombie(pid: number): boolean {
  try {
    // /proc/<pid>/stat: "pid (comm) state ..."; comm may hold spaces or parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state === 'Z' || state === 'X'
  } catch {
    // Gone between the two looks, or no procfs at all (macOS): signal 0 is all there is.
    return existsSync('/proc/self/stat')
  }
}
