import { daemonState, startDaemon, stopDaemon } from './daemon-control.js'
import type { LabOptions } from './lab-options.js'
import { StateDir } from './state-dir.js'

/** Where lab commands print. */
export interface Output {
  line(text: string): void
}

/** What came of `lab:up`. */
export interface UpResult {
  kubeconfig: string
  url: string
  alreadyUp: boolean
}

/**
 * Stands the lab up: says so when it is already up, cleans the state of a daemon that died,
 * starts the daemon, then (when the install sequence runs) replays the page's steps.
 */
export async function upLab(root: string, opts: LabOptions, out: Output): Promise<UpResult> {
  if (opts.backend !== 'sim') throw new Error(`the ${opts.backend} backend is not available yet: use --backend sim`)
  const state = new StateDir(opts.stateDir)
  const s = daemonState(state)
  if (s.state === 'up') {
    out.line(`The lab is already up (daemon pid ${s.pid}, API server ${s.url}).`)
    return { kubeconfig: state.kubeconfig, url: s.url, alreadyUp: true }
  }
  if (s.state === 'dead') {
    out.line(`Removing the state of a lab whose daemon (pid ${s.pid}) died.`)
    await stopDaemon(state)
  }
  const url = await startDaemon(root, opts)
  return { kubeconfig: state.kubeconfig, url, alreadyUp: false }
}
