import { spawn } from 'node:child_process'
import { openSync, closeSync } from 'node:fs'
import { join } from 'node:path'
import type { LabOptions } from './lab-options.js'
import { StateDir } from './state-dir.js'

/** What `lab:status` and `lab:up` learn of a lab's daemon. */
export type DaemonState =
  { state: 'up'; pid: number; url: string } | { state: 'down' } | { state: 'dead'; pid: string }

/** Returns whether the lab in the state dir is up, down (no state) or dead (state left by a daemon that died). */
export function daemonState(state: StateDir): DaemonState {
  const pidText = state.read('pid')
  const url = state.read('ready')
  if (pidText === undefined && url === undefined && state.read('kubeconfig') === undefined)
    return { state: 'down' }
  const pid = state.livePid()
  if (pid && url) return { state: 'up', pid, url }
  return { state: 'dead', pid: pidText ?? '?' }
}

/**
 * Starts the lab daemon detached (its output in `.lab/daemon.log`) and waits until it is ready.
 * Throws with the end of the daemon's log when it exits first or does not become ready in time.
 */
export async function startDaemon(
  root: string,
  opts: LabOptions,
  timeoutMs = 60_000
): Promise<string> {
  const state = new StateDir(opts.stateDir)
  state.ensure()
  const logPath = state.path('daemon.log')
  const fd = openSync(logPath, 'a')
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', 'lab-daemon.ts'), JSON.stringify(opts)],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', fd, fd],
    }
  )
  closeSync(fd)
  let exited: number | null | undefined
  child.once('exit', (code) => (exited = code))
  child.unref()
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const url = state.read('ready')
    if (url) return url
    if (exited !== undefined) {
      throw new Error(
        `the lab daemon exited (code ${exited}) before it was ready:\n${tail(state.read('daemon.log') ?? '')}`
      )
    }
    await new Promise((r) => setTimeout(r, 50))
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
    if (state.livePid()) process.kill(pid, 'SIGKILL')
  }
  state.remove()
  return pid ? 'stopped' : 'not-running'
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}
