// Parses the lab scripts' flags (design.md) into a partial LabOptions.
import { resolve } from 'node:path'
import minimist from 'minimist'
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
  // A path flag given an empty value would resolve to the current directory: refused.
  const path = (name: string) => {
    const v: unknown = a[name]
    if (typeof v !== 'string') return undefined
    if (v === '') throw new Error(`--${name} needs a path: it was given an empty one`)
    return resolve(v)
  }
  // minimist makes an absent boolean false; undefined lets the LAB_* variable decide.
  const bool = (name: string) =>
    argv.some((x) => new RegExp(`^--(no-)?${name}(=|$)`).test(x)) ? Boolean(a[name]) : undefined
  return {
    backend: a.backend,
    config: path('config'),
    profile: path('profile'),
    until: a.until,
    policy: a.policy,
    auth: bool('auth'),
    charts: path('charts'),
    scenario: path('scenario'),
    kubeconfig: path('kubeconfig'),
    stateDir: path('state-dir'),
    timeFactor: num(a['time-factor']),
    seed: num(a.seed),
    repoPort: num(a['repo-port']),
    nodeAddressOffset: num(a['node-address-offset']),
    fromSnapshot: path('from-snapshot'),
    retain: bool('retain'),
    verbose: bool('verbose'),
    dryRun: bool('dry-run'),
  }
}
