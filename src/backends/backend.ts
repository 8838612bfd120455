/**
 * The slice of the lab's options a backend reads. `lab`'s LabOptions satisfies it, so backends do
 * not import `lab` (which imports them): no import cycle.
 */
export interface BackendOptions {
  /** The kind cluster config (topology). */
  config: string
  /** The lab profile. */
  profile: string
  /** Istio injector policy; overrides the profile. */
  policy?: 'enabled' | 'disabled'
  /** The auth variant of the Istio install (mesh-wide mTLS). */
  auth?: boolean
  /** A real OOM `kubernetes/` tree instead of the fixture charts. */
  charts?: string
  /** The kubeconfig of an existing cluster. */
  kubeconfig?: string
  retain: boolean
  dryRun: boolean
  /** Where the lab keeps its state. */
  stateDir: string
}

/** A place a lab runs: the simulated cluster, a kind cluster, or an existing cluster. */
export interface Backend {
  readonly name: string
  /** Returns why the backend cannot run here (missing tools), or undefined when it can. */
  available(): Promise<string | undefined>
  /** Stands the cluster up (or, with dryRun, records the plan); returns the kubeconfig path. */
  up(opts: BackendOptions): Promise<string>
  /** Tears it down. */
  down(opts: BackendOptions): Promise<void>
  /** Returns the kubeconfig path of the running lab. */
  kubeconfig(opts: BackendOptions): string
}
