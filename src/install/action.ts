import { join } from 'node:path'
import type { LabProfile, Topology } from '../cluster/index.js'
import type { ClusterOps, KubeadmInitResult } from './cluster-ops.js'
import type { InstallProfile } from './install-profile.js'
import type { CommandResult } from './command-runner.js'
import type { Status } from './status-printer.js'
import type { Transcript } from './transcript.js'

/** The backends the install sequence runs on. */
export type InstallBackend = 'sim' | 'kind' | 'existing'

/** What the install sequence is told: the lab's definition, where it keeps state, overrides. */
export interface InstallOptions {
  backend: InstallBackend
  /** The repository root (lab/install, fixtures, .clients). */
  root: string
  /** The lab's state directory (`.lab/`). */
  stateDir: string
  /** The kubeconfig every kubectl and helm command gets. */
  kubeconfig: string
  topology: Topology
  /** The profile, `--policy` already applied to istio.injectorPolicy. */
  profile: LabProfile
  /** A real OOM `kubernetes/` tree instead of fixtures/charts (`--charts`). */
  charts?: string
  /**
   * The chart repository's address, default 127.0.0.1:8879 as `helm serve`'s. `serve: false`
   * when another process (the lab's daemon) already serves `<state>/charts/dist` there.
   */
  repo?: { host?: string; port?: number; serve?: boolean; fallback?: boolean }
  /** The CNI manifest (path or URL); default lab/install/calico.yaml (the page's Calico 2.6). */
  cni?: string
  /**
   * Set when another tool already ran kubeadm (`kind create cluster`): the dry-run plan says so
   * instead of listing kubeadm init/join and kubeadm's addons.
   */
  kubeadmDoneBy?: string
  /** Join with this command instead of the one kubeadm init printed (scenarios, tests). */
  joinCommand?: string
  /** Overrides the `wait.timeout` of every step (ms). */
  waitTimeoutMs?: number
  /** The auth variant (`--auth`): apply lab/install/istio-auth.yaml after the Istio manifest. */
  auth?: boolean
  /** Lint each chart before packaging it; lint problems are only printed. */
  lint?: boolean
}

/** How a context command runs. */
export interface RunOptions {
  input?: string
  /** Resolve on a non-zero exit instead of throwing a CommandError. */
  nothrow?: boolean
  /** false: leave it out of the transcript (polls; the action writes a comment instead). */
  record?: boolean
  timeoutMs?: number
}

/** Namespaced, structured log lines; `info` shows in verbose mode only. */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void
  warn(msg: string, fields?: Record<string, unknown>): void
}

/** What steps hand to later steps (kind's memoized `ctx.Nodes()`). */
export interface InstallCache {
  /** What kubeadm init printed. */
  init?: KubeadmInitResult
  /** The chart repository's URL once it serves. */
  repoUrl?: string
  /** Text for the user, printed after the step lines (the final `kubectl get all`). */
  output?: string[]
}

/** Where the install sequence keeps its files, all under the state directory. */
export interface InstallPaths {
  /** The lab's private helm home (`HELM_CONFIG_HOME`, `HELM_CACHE_HOME`, `HELM_DATA_HOME`). */
  helmHome: string
  /** kubectl's discovery cache (`KUBECACHEDIR`). */
  kubeCache: string
  /** The working copy of the chart tree `make all` runs in. */
  chartTree: string
  /** The directory the chart repository serves. */
  dist: string
  transcript: string
}

/** Returns the install sequence's paths under a state directory. */
export function installPaths(stateDir: string): InstallPaths {
  return {
    helmHome: join(stateDir, 'helm'),
    kubeCache: join(stateDir, 'kube-cache'),
    chartTree: join(stateDir, 'charts', 'src'),
    dist: join(stateDir, 'charts', 'dist'),
    transcript: join(stateDir, 'transcript'),
  }
}

/** Everything an action may use; actions never reach around it. */
export interface ActionContext {
  log: Logger
  status: Status
  options: InstallOptions
  paths: InstallPaths
  /** Runs the real kubectl with the lab's kubeconfig; throws a CommandError on failure. */
  kubectl(args: string[], o?: RunOptions): Promise<CommandResult>
  /** Runs the real helm with the lab's kubeconfig and private helm home. */
  helm(args: string[], o?: RunOptions): Promise<CommandResult>
  /** The backend's kubeadm; absent on a cluster that already exists. */
  cluster?: ClusterOps
  transcript: Transcript
  cache: InstallCache
  /** Registers a cleanup run when the context is disposed (servers, temporary files). */
  defer(fn: () => Promise<void> | void): void
  /** Receives the timing of each step and command, when the install is profiled. */
  profile?: InstallProfile
  /** Milliseconds since an arbitrary origin, for durations. */
  now(): number
  sleep(ms: number): Promise<void>
  /**
   * Returns the context one step runs in: its commands' profile entries tagged with the step,
   * its transcript and status lines where the step's own go (buffers, for a step that runs
   * alongside others). Without it the pipeline runs every step in its turn.
   */
  forStep?(o: StepContextOptions): ActionContext
}

/** Where one step's context writes (ActionContext.forStep); default the context's own. */
export interface StepContextOptions {
  step: string
  transcript?: Transcript
  status?: Status
}

/** One step of the install sequence (kind's `actions.Action`). */
export interface Action {
  readonly name: string
  /** The live line's text. */
  readonly title: string
  /** The name `--until` knows it by, besides its own. */
  readonly until?: string
  /** What to try when it fails (a failure's own hint wins). */
  readonly hint?: string
  /**
   * The earlier steps it needs, when it needs only these: it starts as soon as they have
   * finished and runs alongside the steps in between. Absent: it runs in its turn.
   */
  readonly needs?: readonly string[]
  /** Returns the command lines it runs, for a dry run's plan. */
  plan(): string[]
  execute(ctx: ActionContext): Promise<void>
}

/** Details an action attaches to its failure: the command, its output and a hint. */
export interface ActionErrorDetails {
  command?: string
  output?: string
  hint?: string
  cause?: unknown
}

/** An action's failure, with what the user needs to act on it. */
export class ActionError extends Error {
  readonly command?: string
  readonly output?: string
  readonly hint?: string

  constructor(message: string, d: ActionErrorDetails = {}) {
    super(message, d.cause === undefined ? undefined : { cause: d.cause })
    this.name = 'ActionError'
    if (d.command !== undefined) this.command = d.command
    if (d.output !== undefined) this.output = d.output
    if (d.hint !== undefined) this.hint = d.hint
  }
}
