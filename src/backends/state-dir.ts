import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'

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

  /** Creates the directory, mode 0700 whatever the umask, also when it already existed. */
  ensure(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    chmodSync(this.dir, 0o700)
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

  /** Removes the whole state directory. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true })
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
