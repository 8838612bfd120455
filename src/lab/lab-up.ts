import { readFileSync } from 'node:fs'
import { checkScheduleNodes, parseScenario } from '../backends/sim/index.js'
import { ExistingBackend } from '../backends/existing/index.js'
import { KindBackend } from '../backends/kind/index.js'
import type { ClusterOps } from '../install/index.js'
import {
  clientEnv,
  createActionContext,
  createStatusPrinter,
  fileTranscript,
  HELM_SERVE_PORT,
  installPaths,
  newPipeline,
  planPipeline,
  runPipeline,
  type InstallOptions,
  type StepResult,
} from '../install/index.js'
import { AddressClaims } from './address-claims.js'
import {
  daemonState,
  guardInterrupts,
  startDaemon,
  stopDaemon,
  writeInstallRecord,
} from './daemon-control.js'
import type { LabOptions } from './lab-options.js'
import { loadLab, type LabDefinition } from './load-lab.js'
import { simClusterOps } from './sim-cluster-ops.js'
import { StateDir } from './state-dir.js'
import { labUrls } from './lab-urls.js'
import type { PageUrl } from '../network/index.js'

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

/**
 * Stands the lab up: says so when it is already up, cleans the state of a daemon that died,
 * starts the daemon, then replays the page's install steps (up to `--until`) with a live line
 * each. On a failed step the lab is removed unless `--retain`.
 */
export async function upLab(root: string, given: LabOptions, out: Output): Promise<UpResult> {
  if (given.backend !== 'sim') return upExternal(root, given, out)
  let opts = given
  let def = loadLab(opts, (p) => readFileSync(p, 'utf8'))
  const state = new StateDir(opts.stateDir)
  const s = daemonState(state)
  if (s.state === 'up') {
    out.line(`The lab is already up (daemon pid ${s.pid}, API server ${s.url}).`)
    return { kubeconfig: state.kubeconfig, url: s.url, alreadyUp: true, steps: [], output: '' }
  }
  if (s.state === 'dead') {
    out.line(`Removing the state of a lab whose daemon (pid ${s.pid}) died.`)
    await stopDaemon(state)
  }
  if (s.state === 'incomplete' && !opts.dryRun) {
    out.line(`The lab in ${state.dir} is incomplete (${s.why}): removing it and building it again.`)
    await stopDaemon(state)
  }
  // The scenario is checked before anything starts or is written: a mistake in it names the file,
  // line and field and leaves no lab behind.
  if (opts.scenario) {
    const scenario = parseScenario(readFileSync(opts.scenario, 'utf8'), opts.scenario)
    const nodes = def.topology.nodes.map((n) => n.name)
    checkScheduleNodes(scenario.schedule, nodes, opts.scenario)
  }
  if (!opts.dryRun) ({ opts, def } = claimNodeAddresses(opts, def, out))
  const options: InstallOptions = {
    backend: 'sim',
    root,
    stateDir: opts.stateDir,
    kubeconfig: state.kubeconfig,
    topology: def.topology,
    profile: def.profile,
    ...(opts.charts ? { charts: opts.charts } : {}),
    ...(opts.auth ? { auth: true } : {}),
    repo: { port: opts.repoPort ?? HELM_SERVE_PORT, fallback: opts.repoPort === undefined },
  }
  const actions = newPipeline(options)
  if (opts.dryRun) {
    for (const line of planPipeline(actions)) out.line(line)
    return { kubeconfig: state.kubeconfig, url: '', alreadyUp: false, steps: [], output: '' }
  }
  // A lab is up only once its install reached the step it was asked for: recorded at the end.
  const until = opts.until ?? actions[actions.length - 1]?.name ?? ''
  writeInstallRecord(state, { until, complete: false })
  const unguard = guardInterrupts(state, { retain: opts.retain, until, line: out.line })
  let url: string
  try {
    url = await startDaemon(root, opts)
  } catch (err) {
    unguard()
    throw err
  }
  const paths = installPaths(opts.stateDir)
  // The transcript holds the join token: 0600 before its first line, whatever the umask.
  state.secretFile('transcript')
  const transcript = fileTranscript(paths.transcript, clientEnv(state.kubeconfig, paths))
  const status = createStatusPrinter({ write: (t) => out.write(t), tty: out.tty })
  const join = opts.scenario
    ? parseScenario(readFileSync(opts.scenario, 'utf8'), opts.scenario).join
    : undefined
  const cluster = simClusterOps(state.path('machines.sock'), def.topology, join)
  const ctx = createActionContext({ options, status, cluster, verbose: opts.verbose, transcript })
  try {
    const r = await runPipeline(actions, ctx, {
      ...(opts.until ? { until: opts.until } : {}),
      retain: opts.retain,
      teardown: async () => void (await stopDaemon(state)),
    })
    writeInstallRecord(state, { until, complete: true })
    const urls = await labUrls(
      ctx.kubectl,
      def.topology.nodes.map((n) => n.address)
    )
    return {
      urls,
      kubeconfig: state.kubeconfig,
      url,
      alreadyUp: false,
      steps: r.steps,
      output: r.output.join('\n'),
      ...(ctx.cache.repoUrl ? { repoUrl: ctx.cache.repoUrl } : {}),
    }
  } finally {
    unguard()
    await ctx.dispose()
  }
}

/**
 * Stands up a kind cluster (or takes an existing one) and runs the same install steps on it.
 * `--dry-run` prints the command plan. kind needs Docker and kind on the machine.
 */
async function upExternal(root: string, opts: LabOptions, out: Output): Promise<UpResult> {
  const def = loadLab(opts, (p) => readFileSync(p, 'utf8'))
  const paths = installPaths(opts.stateDir)
  const kind = opts.backend === 'kind' ? new KindBackend({ root }) : undefined
  const backend = kind ?? new ExistingBackend({ root })
  const options: InstallOptions = kind
    ? kind.installOptions(opts)
    : {
        backend: 'existing',
        root,
        stateDir: opts.stateDir,
        kubeconfig: backend.kubeconfig(opts),
        topology: def.topology,
        profile: def.profile,
        ...(opts.charts ? { charts: opts.charts } : {}),
        ...(opts.auth ? { auth: true } : {}),
      }
  if (opts.dryRun) {
    out.line(kind ? await kind.dryRunPlan(opts) : planPipeline(newPipeline(options)).join('\n'))
    return { kubeconfig: options.kubeconfig, url: '', alreadyUp: false, steps: [], output: '' }
  }
  const kubeconfig = await backend.up(opts)
  const transcript = fileTranscript(paths.transcript, clientEnv(kubeconfig, paths))
  const status = createStatusPrinter({ write: (t) => out.write(t), tty: out.tty })
  const cluster: ClusterOps | undefined = kind?.clusterOps(opts)
  const ctx = createActionContext({
    options,
    status,
    ...(cluster ? { cluster } : {}),
    verbose: opts.verbose,
    transcript,
  })
  try {
    const r = await runPipeline(newPipeline(options), ctx, {
      ...(opts.until ? { until: opts.until } : {}),
      retain: opts.retain,
      teardown: () => backend.down(opts),
    })
    return { kubeconfig, url: '', alreadyUp: false, steps: r.steps, output: r.output.join('\n') }
  } finally {
    await ctx.dispose()
  }
}

/**
 * Moves the lab to node addresses no other running lab on this machine holds (their NodePorts
 * would collide) unless `--node-address-offset` chose them, says so, and claims them.
 */
function claimNodeAddresses(
  opts: LabOptions,
  def: LabDefinition,
  out: Output
): { opts: LabOptions; def: LabDefinition } {
  const claims = new AddressClaims()
  const addresses = def.topology.nodes.map((n) => n.address)
  if (opts.nodeAddressOffset === undefined) {
    const offset = claims.freeOffset(addresses, opts.stateDir)
    if (offset !== 0) {
      const holder = claims.holder(addresses[0]!, opts.stateDir)
      opts = { ...opts, nodeAddressOffset: offset }
      def = loadLab(opts, (p) => readFileSync(p, 'utf8'))
      out.line(
        `The node addresses ${addresses.join(', ')} belong to the lab in ${holder ?? 'another folder'}; ` +
          `this lab uses ${def.topology.nodes.map((n) => n.address).join(', ')}.`
      )
    }
  }
  claims.claim(
    def.topology.nodes.map((n) => n.address),
    opts.stateDir
  )
  return { opts, def }
}
