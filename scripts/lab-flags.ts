// Parses the lab scripts' flags (design.md) into a partial LabOptions.
import { resolve } from 'node:path'
import { minimist } from 'zx'
import type { LabOptions } from '../src/lab/index.js'

export const root = resolve(import.meta.dirname, '..')

export function parseFlags(argv: string[]): Partial<LabOptions> {
  const a = minimist(argv, {
    string: [
      'backend',
      'config',
      'profile',
      'until',
      'policy',
      'charts',
      'scenario',
      'kubeconfig',
      'state-dir',
      'time-factor',
      'seed',
      'repo-port',
      'node-address-offset',
    ],
    boolean: ['retain', 'verbose', 'dry-run'],
    default: { retain: undefined, verbose: undefined, 'dry-run': undefined },
    unknown: (f) => {
      if (f.startsWith('-')) throw new Error(`unknown flag ${f}`)
      return true
    },
  })
  const num = (v: unknown) => (v === undefined ? undefined : Number(v))
  const path = (v: unknown) => (typeof v === 'string' ? resolve(v) : undefined)
  return {
    backend: a.backend,
    config: path(a.config),
    profile: path(a.profile),
    until: a.until,
    policy: a.policy,
    charts: path(a.charts),
    scenario: path(a.scenario),
    kubeconfig: path(a.kubeconfig),
    stateDir: path(a['state-dir']),
    timeFactor: num(a['time-factor']),
    seed: num(a.seed),
    repoPort: num(a['repo-port']),
    nodeAddressOffset: num(a['node-address-offset']),
    retain: a.retain,
    verbose: a.verbose,
    dryRun: a['dry-run'],
  }
}
