import { readFileSync } from 'node:fs'
import { defaultLabOptions, loadLab, type LabDefinition } from '../lab/index.js'

/** Returns the lab the benchmarks run: `lab/kind-config.yaml` and `lab/lab.yaml` of the repository. */
export function defaultLab(root: string): LabDefinition {
  return loadLab(defaultLabOptions(root), (p) => readFileSync(p, 'utf8'))
}
