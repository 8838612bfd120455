// Where the spec suite finds the lab and its expectations: the LAB_* variables, else defaults
// relative to the repository root. The only place in specs/ that reads the environment.
import { isAbsolute, resolve } from 'node:path'

/** The repository root (specs/support/../..). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..')

/** The default chart repository (`helm serve`, `helm repo add local http://127.0.0.1:8879`). */
export const DEFAULT_CHART_REPO = 'http://127.0.0.1:8879'

/** The default RESTARTS limit per pod. */
export const DEFAULT_MAX_RESTARTS = 3

/** Everything the spec suite reads from outside. */
export interface SpecEnv {
  /** LAB_KUBECONFIG, else `.lab/kubeconfig`. */
  kubeconfig: string
  /** LAB_PROFILE, else `lab/lab.yaml`. */
  profile: string
  /** LAB_CONFIG, else `lab/kind-config.yaml`. */
  kindConfig: string
  /** LAB_EXPECTED, else `fixtures/expected`. */
  expectedDir: string
  /** LAB_POLICY when set (else the profile's istio.injectorPolicy decides). */
  policy: string | undefined
  /** LAB_CHART_REPO, else http://127.0.0.1:8879 (no trailing slash). */
  chartRepo: string
  /** LAB_MAX_RESTARTS, else 3. */
  maxRestarts: number
  /** LAB_BACKEND, else `sim`. */
  backend: string
}

/** Returns the spec settings from environment variables; relative paths resolve against `cwd`. */
export function readSpecEnv(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd()
): SpecEnv {
  const path = (name: string, fallback: string): string => {
    const value = env[name]
    if (!value) return resolve(REPO_ROOT, fallback)
    return isAbsolute(value) ? value : resolve(cwd, value)
  }
  const restarts = env.LAB_MAX_RESTARTS
  if (restarts !== undefined && restarts !== '' && !/^\d+$/.test(restarts)) {
    throw new Error(`LAB_MAX_RESTARTS="${restarts}": want a whole number`)
  }
  return {
    kubeconfig: path('LAB_KUBECONFIG', '.lab/kubeconfig'),
    profile: path('LAB_PROFILE', 'lab/lab.yaml'),
    kindConfig: path('LAB_CONFIG', 'lab/kind-config.yaml'),
    expectedDir: path('LAB_EXPECTED', 'fixtures/expected'),
    policy: env.LAB_POLICY || undefined,
    chartRepo: (env.LAB_CHART_REPO || DEFAULT_CHART_REPO).replace(/\/+$/, ''),
    maxRestarts: restarts ? Number(restarts) : DEFAULT_MAX_RESTARTS,
    backend: env.LAB_BACKEND || 'sim',
  }
}
