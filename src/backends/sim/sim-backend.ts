import {
  HELM_SERVE_PORT,
  newPipeline,
  planPipeline,
  type InstallOptions,
} from '../../install/index.js'
import type {
  Backend,
  BackendContext,
  BackendOptions,
  BackendOutput,
  RunningLab,
  StartedLab,
} from '../backend.js'
import { writeInstallRecord } from '../install-record.js'
import { StateDir } from '../state-dir.js'
import { labInstallOptions } from '../lab-install-options.js'
import { AddressClaims } from './address-claims.js'
import { daemonState, guardInterrupts, startDaemon, stopDaemon } from './daemon/daemon-control.js'
import { daemonStart, type DaemonStart } from './daemon/daemon-start.js'
import { simClusterOps } from './sim-cluster-ops.js'

/**
 * The `sim` backend: the simulated cluster in a daemon of its own (started detached, stopped by
 * pid), its machines reached through the daemon's socket as kind's through `docker exec`.
 */
export class SimBackend implements Backend {
  readonly name = 'sim'
  readonly #o: BackendContext

  constructor(o: BackendContext) {
    this.#o = o
  }

  /** Always available: it needs only Node.js. */
  available(): Promise<string | undefined> {
    return Promise.resolve(undefined)
  }

  /** Returns the dry run's lines: the install steps' commands (nothing is started). */
  async plan(opts: BackendOptions, out: BackendOutput): Promise<string[]> {
    const ready = await this.#prepare(opts, out)
    if ('alreadyUp' in ready) return []
    return planPipeline(newPipeline(this.#installOptions(opts, ready.start)))
  }

  /**
   * Stands the lab up: says so when it is already up, cleans the state of a daemon that died or
   * a lab left incomplete, moves to free node addresses, records the install as begun, guards
   * against interrupts and starts the daemon on the parsed definition.
   */
  async up(opts: BackendOptions, out: BackendOutput): Promise<StartedLab | RunningLab> {
    const ready = await this.#prepare(opts, out)
    if ('alreadyUp' in ready) return ready
    const claimed = claimNodeAddresses(opts, ready.start, out)
    const install = this.#installOptions(claimed.opts, claimed.start)
    const state = new StateDir(opts.stateDir)
    const actions = newPipeline(install)
    // A lab is up only once its install reached the step it was asked for: recorded at the end.
    const until = opts.until ?? actions[actions.length - 1]?.name ?? ''
    writeInstallRecord(state, { until, complete: false })
    const release = guardInterrupts(state, { retain: opts.retain, until, line: out.line })
    let url: string
    try {
      url = await startDaemon(this.#o.root, claimed.start)
    } catch (err) {
      release()
      throw err
    }
    const { topology } = claimed.start.definition
    return {
      kubeconfig: state.kubeconfig,
      url,
      install,
      pipeline: actions,
      cluster: simClusterOps(state.path('machines.sock'), topology, claimed.start.scenario?.join),
      nodeAddresses: topology.nodes.map((n) => n.address),
      installed: () => writeInstallRecord(state, { until, complete: true }),
      release,
      down: async () => void (await stopDaemon(state)),
    }
  }

  /** Stops the daemon and removes the state dir. */
  async down(opts: BackendOptions): Promise<void> {
    await stopDaemon(new StateDir(opts.stateDir))
  }

  /** Returns the kubeconfig the daemon writes. */
  kubeconfig(opts: BackendOptions): string {
    return new StateDir(opts.stateDir).kubeconfig
  }

  // The definition and scenario, checked before anything starts or is written; then the state
  // dir's lab: up (nothing to do), or cleared of what a dead or incomplete lab left.
  async #prepare(
    opts: BackendOptions,
    out: BackendOutput
  ): Promise<RunningLab | { start: DaemonStart }> {
    // The definition and scenario first: a mistake names its file, line and field.
    const start = daemonStart(opts)
    const state = new StateDir(opts.stateDir)
    const s = daemonState(state)
    if (s.state === 'up') {
      out.line(`The lab is already up (daemon pid ${s.pid}, API server ${s.url}).`)
      return { alreadyUp: true, kubeconfig: state.kubeconfig, url: s.url }
    }
    if (s.state === 'dead') {
      out.line(`Removing the state of a lab whose daemon (pid ${s.pid}) died.`)
      await stopDaemon(state)
    }
    if (s.state === 'incomplete' && !opts.dryRun) {
      out.line(
        `The lab in ${state.dir} is incomplete (${s.why}): removing it and building it again.`
      )
      await stopDaemon(state)
    }
    return { start }
  }

  #installOptions(opts: BackendOptions, start: DaemonStart): InstallOptions {
    const { topology, profile } = start.definition
    const kubeconfig = new StateDir(opts.stateDir).kubeconfig
    return {
      ...labInstallOptions(
        { backend: 'sim', root: this.#o.root, kubeconfig, topology, profile },
        opts
      ),
      repo: { port: opts.repoPort ?? HELM_SERVE_PORT, fallback: opts.repoPort === undefined },
    }
  }
}

/**
 * Moves the lab to node addresses no other running lab on this machine holds (their NodePorts
 * would collide) unless `--node-address-offset` chose them, says so, and claims them.
 */
function claimNodeAddresses(
  opts: BackendOptions,
  start: DaemonStart,
  out: BackendOutput
): { opts: BackendOptions; start: DaemonStart } {
  const claims = new AddressClaims()
  const addresses = start.definition.topology.nodes.map((n) => n.address)
  // Choosing and claiming under one lock: two labs starting together never pick the same block.
  return claims.locked(() => {
    if (opts.nodeAddressOffset === undefined) {
      const offset = claims.freeOffset(addresses, opts.stateDir)
      if (offset !== 0) {
        const holder = claims.holder(addresses[0]!, opts.stateDir)
        opts = { ...opts, nodeAddressOffset: offset }
        start = daemonStart(opts)
        const moved = start.definition.topology.nodes.map((n) => n.address)
        out.line(
          `The node addresses ${addresses.join(', ')} belong to the lab in ${holder ?? 'another folder'}; ` +
            `this lab uses ${moved.join(', ')}.`
        )
      }
    }
    claims.claim(
      start.definition.topology.nodes.map((n) => n.address),
      opts.stateDir
    )
    return { opts, start }
  })
}
