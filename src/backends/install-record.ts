import type { StateDir } from './state-dir.js'

/** What `lab:up` records of its install in the state dir (`install.json`). */
export interface InstallRecord {
  /** The step `lab:up` was asked to reach (`--until`, or the last step). */
  until: string
  /** True once that step was reached; a lab is up only then. */
  complete: boolean
  /** The signal that interrupted `lab:up` (with --retain), if any. */
  interrupted?: string
}

/** Records how far the install went (see InstallRecord). */
export function writeInstallRecord(state: StateDir, r: InstallRecord): void {
  state.write('install.json', JSON.stringify(r) + '\n')
}

/** Returns the install record, or undefined when there is none (or it does not parse). */
export function readInstallRecord(state: StateDir): InstallRecord | undefined {
  try {
    const r = JSON.parse(state.read('install.json') ?? 'null') as InstallRecord | null
    return r && typeof r.until === 'string' && typeof r.complete === 'boolean' ? r : undefined
  } catch {
    return undefined
  }
}
