import {
  newBackend,
  StateDir,
  type BackendOptions,
  type Backend,
  type StartedLab,
} from '../backends/index.js'
import {
  clientEnv,
  createActionContext,
  createStatusPrinter,
  fileTranscript,
  installPaths,
  runPipeline,
  type StepResult,
} from '../install/index.js'
import type { PageUrl } from '../network/index.js'
import { labUrls } from './lab-urls.js'

/** Where lab commands print. */
export interface Output {
  line(text: string): void
  write(text: string): void
  tty: boolean
}

/** What came of `lab:up`. */
export interface UpResult {
  kubeconfig: string
  url: string
  alreadyUp: boolean
  steps: StepResult[]
  /** What the last step printed (`kubectl get all -n onap`). */
  output: string
  /** The chart repository's URL, once its step ran. */
  repoUrl?: string
  /** The page's URLs on the lab (node addresses × NodePorts), when their Services exist. */
  urls?: PageUrl[]
}

/** What `lab:up` returns when no step ran (a dry run, a lab already up). */
const nothingRan = () => ({ alreadyUp: false, steps: [] as StepResult[], output: '' })

/**
 * Stands the lab up on its backend (`--backend`: the sim's daemon, a kind cluster, an existing
 * cluster), then replays the page's install steps (up to `--until`) with a live line each. On a
 * failed step the lab is removed unless `--retain`. `--dry-run` prints the plan instead.
 */
export async function upLab(root: string, opts: BackendOptions, out: Output): Promise<UpResult> {
  const backend: Backend = newBackend(opts.backend, { root })
  if (opts.dryRun) {
    for (const line of await backend.plan(opts, out)) out.line(line)
    return { kubeconfig: backend.kubeconfig(opts), url: '', ...nothingRan() }
  }
  const lab = await backend.up(opts, out)
  if (lab.alreadyUp)
    return { kubeconfig: lab.kubeconfig, url: lab.url, ...nothingRan(), alreadyUp: true }
  try {
    return await install(lab, opts, out)
  } finally {
    lab.release()
  }
}

/** Runs the install steps on a started lab; records it up once they reached `--until`. */
async function install(lab: StartedLab, opts: BackendOptions, out: Output): Promise<UpResult> {
  const paths = installPaths(opts.stateDir)
  // The transcript holds the join token: 0600 before its first line, whatever the umask.
  new StateDir(opts.stateDir).secretFile('transcript')
  const transcript = fileTranscript(paths.transcript, clientEnv(lab.kubeconfig, paths))
  const status = createStatusPrinter({ write: (t) => out.write(t), tty: out.tty })
  const ctx = createActionContext({
    options: lab.install,
    status,
    ...(lab.cluster ? { cluster: lab.cluster } : {}),
    verbose: opts.verbose,
    transcript,
  })
  try {
    const r = await runPipeline(lab.pipeline, ctx, {
      ...(opts.until ? { until: opts.until } : {}),
      retain: opts.retain,
      teardown: () => lab.down(),
    })
    lab.installed()
    const urls = lab.nodeAddresses ? await labUrls(ctx.kubectl, lab.nodeAddresses) : undefined
    return {
      ...(urls ? { urls } : {}),
      kubeconfig: lab.kubeconfig,
      url: lab.url,
      alreadyUp: false,
      steps: r.steps,
      output: r.output.join('\n'),
      ...(ctx.cache.repoUrl ? { repoUrl: ctx.cache.repoUrl } : {}),
    }
  } finally {
    await ctx.dispose()
  }
}
