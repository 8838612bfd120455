import type { LabProfile, Topology } from '../cluster/index.js'
import type { InstallOptions } from '../install/index.js'
import type { BackendOptions } from './backend.js'

/** Where a lab runs, as the install steps see it. */
export interface LabTarget {
  backend: InstallOptions['backend']
  /** The repository root. */
  root: string
  kubeconfig: string
  topology: Topology
  profile: LabProfile
}

/**
 * Returns the install options every backend starts from: its cluster and the lab's definition,
 * the state dir, and the user's `--charts` and `--auth` choices.
 */
export function labInstallOptions(target: LabTarget, opts: BackendOptions): InstallOptions {
  return {
    ...target,
    stateDir: opts.stateDir,
    ...(opts.charts ? { charts: opts.charts } : {}),
    ...(opts.auth ? { auth: true } : {}),
  }
}
