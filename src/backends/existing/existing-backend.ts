import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadLab, parseLabProfile } from '../../cluster/index.js'
import {
  clientEnv,
  commandLine,
  installPaths,
  newPipeline,
  planPipeline,
  type InstallOptions,
} from '../../install/index.js'
import type { Backend, BackendContext, BackendOptions, StartedLab } from '../backend.js'
import { CommandBackend } from '../command-backend.js'
import { labInstallOptions } from '../lab-install-options.js'

/** What the existing-cluster backend is given. */
export type ExistingBackendOptions = BackendContext

/**
 * The `existing` backend: any cluster given by `--kubeconfig` (the page's own kubeadm cluster, a
 * cloud cluster). There is nothing to create; `down` removes only what the install put there.
 */
export class ExistingBackend extends CommandBackend<ExistingBackendOptions> implements Backend {
  readonly name = 'existing'

  /** Always available: it needs only the bundled clients. */
  available(): Promise<string | undefined> {
    return Promise.resolve(undefined)
  }

  /** Returns the install options on the given cluster (its topology is the lab's definition). */
  installOptions(opts: BackendOptions): InstallOptions {
    const { topology, profile } = loadLab(opts, (p) => readFileSync(p, 'utf8'))
    const kubeconfig = this.kubeconfig(opts)
    return labInstallOptions(
      { backend: 'existing', root: this.context.root, kubeconfig, topology, profile },
      opts
    )
  }

  /** Returns the dry run's lines: the install steps' commands. */
  plan(opts: BackendOptions): Promise<string[]> {
    return Promise.resolve([planPipeline(newPipeline(this.installOptions(opts))).join('\n')])
  }

  /** Checks that the kubeconfig's cluster answers; returns the lab on it. */
  async up(opts: BackendOptions): Promise<StartedLab> {
    const install = this.installOptions(opts)
    const pipeline = newPipeline(install)
    const kubeconfig = await this.connect(opts)
    return this.startedLab({ kubeconfig, install, pipeline, down: () => this.down(opts) })
  }

  /** Checks that the kubeconfig's cluster answers; returns the kubeconfig path. */
  async connect(opts: BackendOptions): Promise<string> {
    const file = this.kubeconfig(opts)
    if (!existsSync(file)) throw new Error(`the kubeconfig ${file} does not exist (--kubeconfig)`)
    if (opts.dryRun) return file
    const r = await this.#exec(opts, 'kubectl', ['version', '-o', 'json'], true)
    if (r !== undefined) throw new Error(`the cluster of ${file} does not answer: ${r}`)
    return file
  }

  /** Removes what the install put on the cluster: the releases, onap and Istio; not the cluster. */
  async down(opts: BackendOptions): Promise<void> {
    const profile = parseLabProfile(readFileSync(opts.profile, 'utf8'), opts.profile)
    for (const c of [...profile.charts].reverse()) {
      await this.#exec(opts, 'helm', [
        'uninstall',
        c.release,
        '--namespace',
        c.namespace,
        '--ignore-not-found',
      ])
    }
    for (const ns of new Set(profile.charts.map((c) => c.namespace))) {
      await this.#exec(opts, 'kubectl', ['delete', 'namespace', ns, '--ignore-not-found'])
    }
    const istio = join(this.context.root, 'fixtures', 'istio', 'istio.yaml')
    await this.#exec(opts, 'kubectl', ['delete', '-f', istio, '--ignore-not-found'])
  }

  /** Returns the `--kubeconfig` file. */
  kubeconfig(opts: BackendOptions): string {
    if (!opts.kubeconfig) throw new Error('--backend existing needs --kubeconfig <file>')
    return opts.kubeconfig
  }

  // Runs a bundled client; returns its error text when `soft`, else throws on failure.
  async #exec(opts: BackendOptions, name: 'kubectl' | 'helm', args: string[], soft = false) {
    this.transcript.command(name, args)
    const env = clientEnv(this.kubeconfig(opts), installPaths(opts.stateDir))
    const bin = join(this.context.root, '.clients', 'bin', name)
    const r = await this.runCommand({ name, bin, args, env })
    if (r.code === 0) return undefined
    const why = (r.stderr || r.stdout).trim()
    if (soft) return why
    throw new Error(`\`${commandLine(name, args)}\` failed: ${why}`)
  }
}
