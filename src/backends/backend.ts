import type { LabOptions } from '../lab/index.js'

/** A place a lab runs: the simulated cluster, a kind cluster, or an existing cluster. */
export interface Backend {
  readonly name: string
  /** Returns why the backend cannot run here (missing tools), or undefined when it can. */
  available(): Promise<string | undefined>
  /** Stands the cluster up (or, with dryRun, records the plan); returns the kubeconfig path. */
  up(opts: LabOptions): Promise<string>
  /** Tears it down. */
  down(opts: LabOptions): Promise<void>
  /** Returns the kubeconfig path of the running lab. */
  kubeconfig(opts: LabOptions): string
}
