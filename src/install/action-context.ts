import { join } from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import {
  installPaths,
  type ActionContext,
  type InstallOptions,
  type InstallPaths,
} from './action.js'
import type { ClusterOps } from './cluster-ops.js'
import { CommandError, commandLine, type RunCommand } from './command-runner.js'
import { processRunner } from './process-runner.js'
import type { Status } from './status-printer.js'
import { fileProfile, PROFILE_ENV, type InstallProfile } from './install-profile.js'
import { fileTranscript, type Transcript } from './transcript.js'

/** How to build an action context. */
export interface ActionContextOptions {
  options: InstallOptions
  status: Status
  cluster?: ClusterOps
  /** Default: the real commands, each started directly (processRunner). */
  run?: RunCommand
  /** Default: the bundled clients in `<root>/.clients/bin`. */
  clients?: { kubectl: string; helm: string }
  /** Show every command under its step. */
  verbose?: boolean
  /** Default: `<state>/transcript`, written afresh. */
  transcript?: Transcript
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Default: appended to the file `LAB_COMMAND_PROFILE` names, if set. */
  profile?: InstallProfile
}

/** An action context that owns cleanups (the chart repository server): dispose it when done. */
export interface StartedActionContext extends ActionContext, AsyncDisposable {
  /** Runs the deferred cleanups, last registered first; never throws. */
  dispose(): Promise<void>
}

/**
 * Returns the environment the lab's kubectl and helm run with: the lab's kubeconfig, a private
 * kubectl cache and a private helm home under the state dir, so the user's own configuration is
 * neither read nor changed.
 */
export function clientEnv(kubeconfig: string, paths: InstallPaths): Record<string, string> {
  const helm = paths.helmHome
  return {
    KUBECONFIG: kubeconfig,
    KUBECACHEDIR: paths.kubeCache,
    HELM_CONFIG_HOME: join(helm, 'config'),
    HELM_CACHE_HOME: join(helm, 'cache'),
    HELM_DATA_HOME: join(helm, 'data'),
    HELM_REPOSITORY_CONFIG: join(helm, 'config', 'repositories.yaml'),
    HELM_REPOSITORY_CACHE: join(helm, 'cache', 'repository'),
  }
}

/**
 * The Go runtime setting the lab's kubectl and helm run with: a collection once the heap grew by
 * 400 % rather than Go's 100 % (`GOGC`; a value the user set is kept). Each is a short process of
 * at most ~100 MB: collecting less often saves about a quarter of their CPU and changes nothing
 * they do or print, so the transcript (a replay by hand) leaves it out.
 */
export function clientRuntimeEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { GOGC: env['GOGC'] ?? '400' }
}

/** Creates the context the install actions run in. */
export function createActionContext(o: ActionContextOptions): StartedActionContext {
  const paths = installPaths(o.options.stateDir)
  const env = clientEnv(o.options.kubeconfig, paths)
  const run = o.run ?? processRunner({ ...process.env, ...clientRuntimeEnv() })
  const bin = join(o.options.root, '.clients', 'bin')
  const clients = o.clients ?? { kubectl: join(bin, 'kubectl'), helm: join(bin, 'helm') }
  const transcript = o.transcript ?? fileTranscript(paths.transcript, env)
  const cleanups: (() => Promise<void> | void)[] = []
  const now = o.now ?? (() => performance.now())
  const profileFile = process.env[PROFILE_ENV]
  const profile = o.profile ?? (profileFile ? fileProfile(profileFile) : undefined)
  const cache = {}
  const sleep = o.sleep ?? ((ms: number) => delay(ms))
  const defer = (fn: () => Promise<void> | void) => void cleanups.push(fn)
  // One step's view: its transcript, status and profile tag; the rest is the context's own.
  const view = (s: { step?: string; transcript: Transcript; status: Status }): ActionContext => {
    const { transcript, status } = s
    const client =
      (name: 'kubectl' | 'helm'): ActionContext['kubectl'] =>
      async (args, ro = {}) => {
        const line = commandLine(name, args)
        if (ro.record !== false) transcript.command(name, args, ro.input)
        if (o.verbose && ro.record !== false) status.info(`   $ ${line}`)
        const start = now()
        const result = await run({
          name,
          bin: clients[name],
          args,
          env,
          ...(ro.input !== undefined ? { input: ro.input } : {}),
          ...(ro.timeoutMs !== undefined ? { timeoutMs: ro.timeoutMs } : {}),
        })
        const ms = now() - start
        const tag = s.step !== undefined ? { step: s.step } : {}
        profile?.({ kind: 'command', name: line, start, ms, code: result.code, ...tag })
        if (result.code !== 0 && !ro.nothrow) throw new CommandError(line, result)
        return result
      }
    return {
      log: {
        info: (msg, fields) => {
          if (o.verbose) status.info(`   ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}`)
        },
        warn: (msg, fields) =>
          status.info(`   WARNING: ${msg}${fields ? ` ${JSON.stringify(fields)}` : ''}`),
      },
      status,
      options: o.options,
      paths,
      kubectl: client('kubectl'),
      helm: client('helm'),
      ...(o.cluster ? { cluster: o.cluster } : {}),
      transcript,
      cache,
      defer,
      ...(profile ? { profile } : {}),
      now,
      sleep,
      forStep: (f) =>
        view({ step: f.step, transcript: f.transcript ?? transcript, status: f.status ?? status }),
    }
  }
  const main = view({ transcript, status: o.status })
  const dispose = async (): Promise<void> => {
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()!()
      } catch (err) {
        // A failed cleanup must not hide the error that led here; say so and go on.
        o.status.info(`   WARNING: cleanup failed: ${(err as Error).message}`)
      }
    }
  }
  return { ...main, dispose, [Symbol.asyncDispose]: dispose }
}
