import { spawn } from 'node:child_process'
import { openSync, closeSync, watch, type FSWatcher } from 'node:fs'
import { ensureBundle } from '../../../build/index.js'
import { readInstallRecord, writeInstallRecord } from '../../install-record.js'
import { StateDir } from '../../state-dir.js'
import { writeDaemonStart, type DaemonStart } from './daemon-start.js'

/** What `lab:status` and `lab:up` learn of a lab's daemon. */
export type DaemonState =
  | { state: 'up'; pid: number; url: string; until: string }
  | { state: 'down' }
  | { state: 'dead'; pid: string }
  | { state: 'incomplete'; pid: number; url: string; why: string }

/**
 * Returns whether the lab in the state dir is up (its daemon alive and its install reached the
 * step it was asked for), incomplete (alive, but its install stopped short or was interrupted),
 * down (no state) or dead (state left by a daemon that died).
 */
export function daemonState(state: StateDir): DaemonState {
  const pidText = state.read('pid')
  const url = state.read('ready')
  if (pidText === undefined && url === undefined && state.read('kubeconfig') === undefined)
    return { state: 'down' }
  const pid = state.livePid()
  if (!pid) return { state: 'dead', pid: pidText ?? '?' }
  const install = readInstallRecord(state)
  if (url && install?.complete) return { state: 'up', pid, url, until: install.until }
  const why = !url
    ? 'its daemon never became ready'
    : !install
      ? 'its install never started'
      : install.interrupted
        ? `its install was interrupted by ${install.interrupted} before step "${install.until}"`
        : `its install did not reach step "${install.until}"`
  return { state: 'incomplete', pid, url: url ?? '', why }
}

/**
 * Starts the lab daemon detached (its output in `.lab/daemon.log`) on the lab `start` describes
 * (written to the state dir's start file: the daemon reads no YAML) and waits until it is ready.
 * Throws with the end of the daemon's log when it exits first or does not become ready in time.
 */
export async function startDaemon(
  root: string,
  start: DaemonStart,
  timeoutMs = 60_000
): Promise<string> {
  // The daemon runs from the lab's bundle (daemon-main.ts and all it imports, built on first use
  // and after any change): one module graph for Node to load instead of hundreds through tsx.
  const daemonMain = (await ensureBundle(root)).entry('daemon-main')
  const state = new StateDir(start.options.stateDir)
  state.ensure()
  const file = writeDaemonStart(state, start)
  const fd = openSync(state.secretFile('daemon.log'), 'a')
  // LAB_DAEMON_PROFILE=<dir>: the daemon writes a V8 CPU profile there when it stops.
  const profile = process.env['LAB_DAEMON_PROFILE']
  const prof = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []
  // No --enable-source-maps: it reads every chunk's map as it loads; the daemon maps its stacks
  // itself when it prints one (mapStackTraces).
  const args = [...prof, daemonMain, file]
  const child = spawn(process.execPath, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', fd, fd],
  })
  closeSync(fd)
  // Known at once, so that an interrupted lab:up can stop a daemon that is not ready yet.
  if (child.pid) state.write('pid', String(child.pid))
  let exited: number | null | undefined
  // The ready file is noticed as it is written (a watch on the state dir); the 50 ms check
  // stays, for a file system that reports no changes.
  let wake = (): void => undefined
  child.once('exit', (code) => {
    exited = code
    wake()
  })
  child.unref()
  let watcher: FSWatcher | undefined
  try {
    watcher = watch(state.dir, () => wake())
    watcher.on('error', () => watcher?.close())
  } catch {
    // No watch here: the check every 50 ms does.
  }
  const deadline = Date.now() + timeoutMs
  try {
    while (Date.now() < deadline) {
      const url = state.read('ready')
      if (url) return url
      if (exited !== undefined) {
        throw new Error(
          `the lab daemon exited (code ${exited}) before it was ready:\n${tail(state.read('daemon.log') ?? '')}`
        )
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = () => undefined
    }
  } finally {
    watcher?.close()
  }
  child.kill('SIGTERM')
  throw new Error(
    `the lab daemon was not ready after ${timeoutMs / 1000}s:\n${tail(state.read('daemon.log') ?? '')}`
  )
}

/** Stops the daemon (SIGTERM, then SIGKILL after a grace period) and removes the state dir. */
export async function stopDaemon(
  state: StateDir,
  graceMs = 5000
): Promise<'stopped' | 'not-running'> {
  const pid = state.livePid()
  if (pid) {
    process.kill(pid, 'SIGTERM')
    const deadline = Date.now() + graceMs
    while (state.livePid() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    if (state.livePid()) {
      process.kill(pid, 'SIGKILL')
      // SIGKILL lands asynchronously: until the process is gone it may still write its last files
      // (`stopped`), which would make the removed dir again.
      const killed = Date.now() + 2000
      while (state.livePid() && Date.now() < killed) await new Promise((r) => setTimeout(r, 20))
    }
  }
  state.remove()
  return pid ? 'stopped' : 'not-running'
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

/**
 * Guards `lab:up` while it builds: on SIGINT or SIGTERM it stops the daemon it started and
 * removes the state dir, or with `retain` records the install as interrupted (so `lab:status`
 * says the lab is incomplete and the next `lab:up` rebuilds it), then exits 130 or 143.
 * Returns what removes the guard.
 */
export function guardInterrupts(
  state: StateDir,
  o: { retain: boolean; until: string; line: (text: string) => void }
): () => void {
  let handling = false
  const on = (signal: NodeJS.Signals) => {
    if (handling) return
    handling = true
    const exit = () => process.exit(signal === 'SIGINT' ? 130 : 143)
    if (o.retain) {
      writeInstallRecord(state, { until: o.until, complete: false, interrupted: signal })
      o.line(`\nInterrupted by ${signal}: the lab is left incomplete (--retain) in ${state.dir}.`)
      return exit()
    }
    o.line(`\nInterrupted by ${signal}: removing the half-built lab.`)
    stopDaemon(state).then(exit, exit)
  }
  process.on('SIGINT', on)
  process.on('SIGTERM', on)
  return () => {
    process.off('SIGINT', on)
    process.off('SIGTERM', on)
  }
}
