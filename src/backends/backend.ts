import type { LabDefinitionInput } from '../cluster/index.js'
import type {
  Action,
  ClusterOps,
  InstallOptions,
  RunCommand,
  Transcript,
} from '../install/index.js'
import type { BackendName } from './backend-names.js'

/** Everything a lab can be told (`lab`'s LabOptions: by flag, `LAB_*` variable or default). */
export interface BackendOptions extends LabDefinitionInput {
  backend: BackendName
  /** Stop after this install step (`cluster` = the cluster, nothing installed). */
  until?: string
  /** The auth variant of the Istio install (`3_install_istio_with_auth.sh`: mesh-wide mTLS on). */
  auth?: boolean
  /** A real OOM `kubernetes/` tree instead of the fixture charts. */
  charts?: string
  scenario?: string
  /** The kubeconfig of an existing cluster (backend `existing`). */
  kubeconfig?: string
  /** Keep the lab when a step fails. */
  retain: boolean
  verbose: boolean
  /** Print the command plan instead of running it. */
  dryRun: boolean
  /** Where the lab keeps its state (`.lab/`). */
  stateDir: string
  /**
   * The chart repository's port (`--repo-port`); default 8879 as `helm serve`, and when that is
   * taken by another lab, a free one (said in the step line). 0 always picks a free port.
   */
  repoPort?: number
  /**
   * A snapshot file (`lab:snapshot`) to restore instead of building the lab (`--from-snapshot`):
   * its definition, objects, machines and chart repository come from the file.
   */
  fromSnapshot?: string
}

/** Where a backend says what it does (lab:up's output). */
export interface BackendOutput {
  line(text: string): void
}

/** A lab a backend started: what the install steps run against, and how it goes away. */
export interface StartedLab {
  alreadyUp?: false
  kubeconfig: string
  /** The API server's URL ('' when the backend does not know it: kind, existing). */
  url: string
  /** What the install steps are given on this backend. */
  install: InstallOptions
  /**
   * The install steps (`newPipeline(install)`), built before the cluster started: reading their
   * files blocks the process, which must answer an interrupt at once while a lab is half built.
   */
  pipeline: Action[]
  /** kubeadm and `helm serve` as this backend runs them (absent: the install does without). */
  cluster?: ClusterOps
  /** The node addresses the page's URLs are on (the sim's loopback addresses). */
  nodeAddresses?: string[]
  /** Records that the install reached the step it was asked for: the lab is up. */
  installed(): void
  /** Ends what `up()` holds while the install runs (the sim's interrupt guard). */
  release(): void
  /** Stops and removes the lab (a failed step without --retain). */
  down(): Promise<void>
}

/** A lab that was up already: nothing was started. */
export interface RunningLab {
  alreadyUp: true
  kubeconfig: string
  url: string
}

/** What a backend is made with. */
export interface BackendContext {
  /** The repository root (lab/install, fixtures, .clients). */
  root: string
  /** Default: the real commands through zx. */
  run?: RunCommand
  /** Where the backend's commands are written (share it with the install steps'). */
  transcript?: Transcript
}

/** A place a lab runs: the simulated cluster, a kind cluster, or an existing cluster. */
export interface Backend {
  readonly name: BackendName
  /** Returns why the backend cannot run here (missing tools), or undefined when it can. */
  available(): Promise<string | undefined>
  /** Returns the lines `--dry-run` prints: the backend's plan, then the install steps'. */
  plan(opts: BackendOptions, out: BackendOutput): Promise<string[]>
  /** Stands the lab up (or finds it up) and returns it, ready for the install steps. */
  up(opts: BackendOptions, out: BackendOutput): Promise<StartedLab | RunningLab>
  /** Tears it down. */
  down(opts: BackendOptions): Promise<void>
  /** Returns the kubeconfig path of the lab. */
  kubeconfig(opts: BackendOptions): string
}
