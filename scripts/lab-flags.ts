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
      'from-snapshot',
    ],
    boolean: ['retain', 'verbose', 'dry-run', 'auth'],
    default: { retain: undefined, verbose: undefined, 'dry-run': undefined, auth: undefined },
    unknown: (f) => {
      if (f.startsWith('-')) throw new Error(`unknown flag ${f}`)
      return true
    },
  })
  const num = (v: unknown) => (v === undefined ? undefined : Number(v))
  const path = (v: unknown) => (typeof v === 'string' ? resolve(v) : undefined)
  // minimist makes an absent boolean false; undefined lets the LAB_* variable decide.
  const bool = (name: string) =>
    argv.some((x) => new RegExp(`^--(no-)?${name}(=|$)`).test(x)) ? Boolean(a[name]) : undefined
  return {
    backend: a.backend,
    config: path(a.config),
    profile: path(a.profile),
    until: a.until,
    policy: a.policy,
    auth: bool('auth'),
    charts: path(a.charts),
    scenario: path(a.scenario),
    kubeconfig: path(a.kubeconfig),
    stateDir: path(a['state-dir']),
    timeFactor: num(a['time-factor']),
    seed: num(a.seed),
    repoPort: num(a['repo-port']),
    nodeAddressOffset: num(a['node-address-offset']),
    fromSnapshot: path(a['from-snapshot']),
    retain: bool('retain'),
    verbose: bool('verbose'),
    dryRun: bool('dry-run'),
  }
}
