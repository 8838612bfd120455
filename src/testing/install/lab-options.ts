// Test helper: install options for the repository's own lab (lab/kind-config.yaml, lab/lab.yaml).
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildTopology, parseKindConfig, parseLabProfile } from '../../cluster/index.js'
import type { InstallOptions } from '../../install/action.js'
import { defaultLabOptions, type LabOptions } from '../../lab/index.js'

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..', '..')

/** Returns install options for the repository's lab, in a fresh temporary state dir. */
export function testOptions(o: Partial<InstallOptions> = {}): InstallOptions {
  const kind = parseKindConfig(readFileSync(join(ROOT, 'lab', 'kind-config.yaml'), 'utf8'), 'kind')
  const profile = parseLabProfile(readFileSync(join(ROOT, 'lab', 'lab.yaml'), 'utf8'), 'lab.yaml')
  const stateDir = o.stateDir ?? mkdtempSync(join(tmpdir(), 'install-test-'))
  return {
    backend: 'sim',
    root: ROOT,
    stateDir,
    kubeconfig: join(stateDir, 'kubeconfig'),
    topology: buildTopology(kind, profile),
    profile,
    repo: { port: 0 },
    ...o,
  }
}

/** Returns `lab:up`'s default options on the repository's lab definition, overridden by `o`. */
export function repoLabOptions(o: Partial<LabOptions> = {}): LabOptions {
  return { ...defaultLabOptions(ROOT), ...o }
}
