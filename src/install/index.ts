/**
 * @module install: the page's install sequence as kind-style actions (one per step of
 * lab/install/steps.yaml), the pipeline that runs them with a live ✓/✗ line each, the chart
 * repository server and OOM's `make all` with helm 4.
 */
export {
  ActionError,
  installPaths,
  type Action,
  type ActionContext,
  type ActionErrorDetails,
  type InstallBackend,
  type InstallCache,
  type InstallOptions,
  type InstallPaths,
  type Logger,
  type RunOptions,
} from './action.js'
export {
  clientEnv,
  createActionContext,
  type ActionContextOptions,
  type StartedActionContext,
} from './action-context.js'
export {
  HELM_SERVE_PORT,
  startChartRepoServer,
  type ChartRepoServerOptions,
  type StartedChartRepoServer,
} from './chart-repo-server.js'
export type { ClusterOps, KubeadmInitResult } from './cluster-ops.js'
export {
  CommandError,
  commandLine,
  shellQuote,
  zxRunner,
  type Command,
  type CommandResult,
  type RunCommand,
} from './command-runner.js'
export { processRunner } from './process-runner.js'
export {
  INSTALL_STEPS_FILE,
  loadInstallSteps,
  parseInstallSteps,
  parseDuration,
  type InstallStep,
  type StepCheck,
  type StepWait,
} from './install-steps.js'
export {
  fileProfile,
  firstStepStart,
  PROFILE_ENV,
  readProfile,
  stepProfiles,
  type InstallProfile,
  type ProfileEntry,
  type StepProfile,
} from './install-profile.js'
export {
  chartDirs,
  copyChartTree,
  makeCharts,
  OOM_EXCLUDES,
  type MakeChartsOptions,
  type MakeChartsResult,
} from './make-charts.js'
export { newPipeline, planPipeline } from './pipeline.js'
export {
  runPipeline,
  StepError,
  untilNames,
  type PipelineResult,
  type RunPipelineOptions,
  type StepResult,
} from './run-pipeline.js'
export {
  createStatusPrinter,
  formatDuration,
  type Status,
  type StatusPrinterOptions,
} from './status-printer.js'
export { fileTranscript, memoryTranscript, type Transcript } from './transcript.js'
export {
  deploymentStates,
  isAvailable,
  POLL_MS,
  waitForDeployments,
  type DeploymentState,
  type WaitOptions,
} from './wait-deployments.js'
