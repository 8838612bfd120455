import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { loadLab, type LabProfile, type Topology } from '../../cluster/index.js'
import {
  commandLine,
  newPipeline,
  planPipeline,
  type ClusterOps,
  type InstallOptions,
} from '../../install/index.js'
import type { Backend, BackendContext, BackendOptions, StartedLab } from '../backend.js'
import { CommandBackend } from '../command-backend.js'
import { StateDir } from '../state-dir.js'
import { labInstallOptions } from '../lab-install-options.js'
import { kindClusterOps } from './kind-cluster-ops.js'
import { formatKindPlan, KIND_CNI_MANIFEST, kindPlan, type KindPlan } from './kind-plan.js'
import type { HostResources } from './system-reserved.js'

/** What the kind backend is given. */
export interface KindBackendOptions extends BackendContext {
  /** Default: `docker info` (this machine's, in a dry run without Docker). */
  host?: HostResources
}

const INSTALL_HINT = 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation'

/** The kind backend: a real kind cluster shaped like the lab's topology, on Docker. */
export class KindBackend extends CommandBackend<KindBackendOptions> implements Backend {
  readonly name = 'kind'

  /** Returns why kind cannot run here (Docker or kind missing), or undefined. */
  async available(): Promise<string | undefined> {
    const docker = await this.runCommand({
      name: 'docker',
      bin: 'docker',
      args: ['info', '--format', '{{.ServerVersion}}'],
    })
    if (docker.code !== 0) {
      const why = (docker.stderr || docker.stdout).trim().split('\n')[0] ?? ''
      return `Docker is not available (\`docker info\`: ${why}): the kind backend needs Docker; use --backend sim`
    }
    const kind = await this.runCommand({ name: 'kind', bin: 'kind', args: ['version'] })
    if (kind.code !== 0) {
      const why = (kind.stderr || kind.stdout).trim().split('\n')[0] ?? ''
      return `kind is not installed (\`kind version\`: ${why}): see ${INSTALL_HINT}, or use --backend sim`
    }
    return undefined
  }

  /** Returns the Docker host's CPUs and memory (the given ones, `docker info`, or this machine). */
  async hostResources(dryRun = false): Promise<HostResources> {
    if (this.context.host) return this.context.host
    const r = await this.runCommand({
      name: 'docker',
      bin: 'docker',
      args: ['info', '--format', '{{.NCPU}} {{.MemTotal}}'],
    })
    const [n, mem] = r.stdout.trim().split(/\s+/).map(Number)
    if (r.code === 0 && n && mem) return { cpus: n, memory: mem }
    if (dryRun) return { cpus: cpus().length, memory: totalmem() }
    throw new Error(`failed to read the Docker host's resources: ${(r.stderr || r.stdout).trim()}`)
  }

  /** Returns the lab's topology and profile from the option's files (and the kind config's text). */
  lab(opts: BackendOptions): { topology: Topology; profile: LabProfile; kindConfigText: string } {
    let kindConfigText = ''
    const { topology, profile } = loadLab(opts, (p) => {
      const text = readFileSync(p, 'utf8')
      if (p === opts.config) kindConfigText = text
      return text
    })
    return { topology, profile, kindConfigText }
  }

  /** Returns the plan of the kind cluster `up` creates. */
  async clusterPlan(opts: BackendOptions): Promise<KindPlan> {
    const { topology, kindConfigText } = this.lab(opts)
    const host = await this.hostResources(opts.dryRun)
    return kindPlan({
      topology,
      kindConfigText,
      stateDir: opts.stateDir,
      host,
      retain: opts.retain,
    })
  }

  /** Returns the install options of a kind lab (a current Calico; kubeadm done by kind). */
  installOptions(opts: BackendOptions): InstallOptions {
    const { topology, profile } = this.lab(opts)
    const kubeconfig = this.kubeconfig(opts)
    return {
      ...labInstallOptions(
        { backend: 'kind', root: this.context.root, kubeconfig, topology, profile },
        opts
      ),
      cni: KIND_CNI_MANIFEST,
      kubeadmDoneBy: 'kind create cluster',
    }
  }

  /** Returns the dry run's text: the kind plan, then the install steps' commands. */
  async dryRunPlan(opts: BackendOptions): Promise<string> {
    const plan = formatKindPlan(await this.clusterPlan(opts))
    const steps = planPipeline(newPipeline(this.installOptions(opts)))
    return `${plan}\n# the install steps\n${steps.join('\n')}\n`
  }

  /** Returns the dry run's lines: the kind plan, then the install steps' commands. */
  async plan(opts: BackendOptions): Promise<string[]> {
    return [await this.dryRunPlan(opts)]
  }

  /**
   * Creates the kind cluster and limits its node containers; returns the lab, whose kubeadm
   * `kind create cluster` already ran. Throws when Docker or kind is missing.
   */
  async up(opts: BackendOptions): Promise<StartedLab> {
    const install = this.installOptions(opts)
    const pipeline = newPipeline(install)
    const kubeconfig = await this.create(opts)
    const cluster = this.clusterOps(opts)
    return this.startedLab({ kubeconfig, install, pipeline, cluster, down: () => this.down(opts) })
  }

  /**
   * Creates the kind cluster and limits its node containers; returns the kubeconfig path.
   * Throws when Docker or kind is missing. A dry run only returns the path.
   */
  async create(opts: BackendOptions): Promise<string> {
    if (opts.dryRun) return this.kubeconfig(opts)
    const missing = await this.available()
    if (missing) throw new Error(missing)
    const plan = await this.clusterPlan(opts)
    new StateDir(opts.stateDir).ensure()
    writeFileSync(plan.config.path, plan.config.text)
    this.transcript.comment(`kind config with the lab's kubelet reservations: ${plan.config.path}`)
    for (const [name, ...args] of plan.commands) await this.#exec(name!, args)
    return plan.kubeconfig
  }

  /** Deletes the kind cluster. */
  async down(opts: BackendOptions): Promise<void> {
    const { topology } = this.lab(opts)
    await this.#exec('kind', [
      'delete',
      'cluster',
      '--name',
      topology.name,
      '--kubeconfig',
      this.kubeconfig(opts),
    ])
  }

  /** Returns the kubeconfig `kind create cluster` writes. */
  kubeconfig(opts: BackendOptions): string {
    return join(opts.stateDir, 'kubeconfig')
  }

  /** Returns kubeadm as the install steps see it on kind (already done by kind). */
  clusterOps(opts: BackendOptions): ClusterOps {
    const master = this.lab(opts).topology.nodes.find((n) => n.role === 'control-plane')!
    return kindClusterOps({ master: master.name, run: this.runCommand })
  }

  async #exec(name: string, args: string[]): Promise<void> {
    this.transcript.command(name, args)
    const r = await this.runCommand({ name, bin: name, args })
    if (r.code !== 0) {
      throw new Error(`\`${commandLine(name, args)}\` failed: ${(r.stderr || r.stdout).trim()}`)
    }
  }
}
