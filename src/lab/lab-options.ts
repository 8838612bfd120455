import { Backends, type BackendName, type BackendOptions } from '../backends/index.js'

export { Backends, type BackendName }

/** Everything `lab:up` can be told, by flag, `LAB_*` variable or default (backends' options). */
export type LabOptions = BackendOptions

/** The `LAB_*` variables read, and the option each sets. */
export const ENV_OPTIONS: Record<string, keyof LabOptions> = {
  LAB_BACKEND: 'backend',
  LAB_CONFIG: 'config',
  LAB_PROFILE: 'profile',
  LAB_UNTIL: 'until',
  LAB_POLICY: 'policy',
  LAB_AUTH: 'auth',
  LAB_CHARTS: 'charts',
  LAB_SCENARIO: 'scenario',
  LAB_KUBECONFIG: 'kubeconfig',
  LAB_RETAIN: 'retain',
  LAB_VERBOSE: 'verbose',
  LAB_DRY_RUN: 'dryRun',
  LAB_STATE_DIR: 'stateDir',
  LAB_TIME_FACTOR: 'timeFactor',
  LAB_SEED: 'seed',
  LAB_REPO_PORT: 'repoPort',
  LAB_NODE_ADDRESS_OFFSET: 'nodeAddressOffset',
  LAB_FROM_SNAPSHOT: 'fromSnapshot',
}

/** Returns the default options, relative to the repository root. */
export function defaultLabOptions(root: string): LabOptions {
  return {
    backend: 'sim',
    config: `${root}/lab/kind-config.yaml`,
    profile: `${root}/lab/lab.yaml`,
    retain: false,
    verbose: false,
    dryRun: false,
    stateDir: `${root}/.lab`,
  }
}

const BOOL = new Set<keyof LabOptions>(['retain', 'verbose', 'dryRun', 'auth'])
const NUM = new Set<keyof LabOptions>(['timeFactor', 'seed', 'repoPort', 'nodeAddressOffset'])

/** Returns the options from defaults, then `LAB_*` variables (allow-listed), then the given partial (flags). */
export function resolveLabOptions(
  root: string,
  partial: Partial<LabOptions>,
  env: Record<string, string | undefined>
): LabOptions {
  const out: Record<string, unknown> = { ...defaultLabOptions(root) }
  for (const [name, key] of Object.entries(ENV_OPTIONS)) {
    const v = env[name]
    if (v === undefined || v === '') continue
    out[key] = BOOL.has(key) ? v === '1' || v === 'true' : NUM.has(key) ? Number(v) : v
  }
  for (const [k, v] of Object.entries(partial)) {
    if (k === 'stateDir' && v === '')
      throw new Error('--state-dir needs a directory: it was given an empty path')
    if (v !== undefined) out[k] = v
  }
  return validateLabOptions(out as unknown as LabOptions)
}

/** Returns the options when they are consistent; throws an Error naming the conflict otherwise. */
export function validateLabOptions(o: LabOptions): LabOptions {
  if (!Object.values(Backends).includes(o.backend)) {
    throw new Error(
      `invalid --backend "${o.backend}": want one of ${Object.values(Backends).join(', ')}`
    )
  }
  if (o.policy !== undefined && o.policy !== 'enabled' && o.policy !== 'disabled') {
    throw new Error(`invalid --policy "${String(o.policy)}": want enabled or disabled`)
  }
  if (o.backend === 'existing' && !o.kubeconfig)
    throw new Error('--backend existing needs --kubeconfig <file> (or LAB_KUBECONFIG)')
  if (o.backend !== 'existing' && o.kubeconfig)
    throw new Error(
      `--kubeconfig conflicts with --backend ${o.backend}: it is for --backend existing`
    )
  if (o.timeFactor !== undefined && !(o.timeFactor > 0))
    throw new Error(`invalid time factor ${o.timeFactor}: want a number > 0`)
  if (o.seed !== undefined && !Number.isInteger(o.seed))
    throw new Error(`invalid seed ${o.seed}: want an integer`)
  if (
    o.repoPort !== undefined &&
    !(Number.isInteger(o.repoPort) && o.repoPort >= 0 && o.repoPort < 65536)
  )
    throw new Error(`invalid --repo-port ${o.repoPort}: want a port number (0 picks a free one)`)
  if (o.nodeAddressOffset !== undefined && !Number.isInteger(o.nodeAddressOffset))
    throw new Error(`invalid --node-address-offset ${o.nodeAddressOffset}: want an integer`)
  if (o.fromSnapshot !== undefined) {
    if (o.backend !== 'sim')
      throw new Error(
        `--from-snapshot conflicts with --backend ${o.backend}: snapshots are of sim labs`
      )
    if (o.until !== undefined)
      throw new Error(
        '--from-snapshot conflicts with --until: a snapshot restores the lab as it was'
      )
  }
  return o
}
