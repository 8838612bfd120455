import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  parseScenario,
  startSimCluster,
  startSimLab,
  type StartedSimCluster,
  type SimClusterOptions,
  type StartedSimLab,
} from '../../src/backends/sim/index.js'
import { loadLab, resolveLabOptions } from '../../src/lab/index.js'

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..')
/** The bundled real clients. */
export const KUBECTL = join(ROOT, '.clients', 'bin', 'kubectl')
export const HELM = join(ROOT, '.clients', 'bin', 'helm')

/** What a client run printed. */
export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** A sim lab started inside the test process, with a kubeconfig and a private HOME for the clients. */
export interface TestLab {
  cluster: StartedSimCluster
  dir: string
  kubeconfig: string
  kubectl(args: string[], input?: string): Promise<RunResult>
  helm(args: string[]): Promise<RunResult>
  /** Writes a file in the lab's temp dir and returns its path. */
  file(name: string, content: string): string
  stop(): Promise<void>
}

/** Runs a binary and resolves with its exit code and output (never rejects on a non-zero exit). */
export function run(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
  timeoutMs = 60_000
): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    const child = execFile(
      bin,
      args,
      { env, timeout: timeoutMs, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as NodeJS.ErrnoException).code === 'number'
            ? Number((err as NodeJS.ErrnoException).code)
            : 1
          : 0
        resolvePromise({ code, stdout, stderr })
      }
    )
    if (input !== undefined) child.stdin?.end(input)
  })
}

/** Starts a fresh sim cluster (Kubernetes 1.11.1 unless told otherwise) for one describe block. */
export async function startTestLab(o: Partial<SimClusterOptions> = {}): Promise<TestLab> {
  return wrap(
    await startSimCluster({
      kubernetesVersion: '1.11.1',
      clusterName: 'test',
      serviceSubnet: '10.96.0.0/12',
      ...o,
    })
  )
}

async function wrap(cluster: StartedSimCluster): Promise<TestLab> {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-compat-'))
  const kubeconfig = join(dir, 'kubeconfig')
  writeFileSync(kubeconfig, cluster.kubeconfig(), { mode: 0o600 })
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: dir,
    KUBECONFIG: kubeconfig,
    HELM_CACHE_HOME: join(dir, 'helm-cache'),
    HELM_CONFIG_HOME: join(dir, 'helm-config'),
    HELM_DATA_HOME: join(dir, 'helm-data'),
  }
  return {
    cluster,
    dir,
    kubeconfig,
    kubectl: (args, input) => run(KUBECTL, args, env, input),
    helm: (args) => run(HELM, args, env),
    file: (name, content) => {
      const p = join(dir, name)
      writeFileSync(p, content)
      return p
    },
    stop: async () => {
      await cluster.stop()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A sim lab with its machines (kubeadm init and joins done), for cluster-level tests. */
export interface ClusterTestLab extends TestLab {
  lab: StartedSimLab
  joinCommand: string
}

/** Starts the default lab's topology, runs kubeadm init on the master and joins every worker. */
export async function startClusterTestLab(
  o: { timeFactor?: number; join?: boolean; scenario?: string; seed?: number } = {}
): Promise<ClusterTestLab> {
  const def = loadLab(resolveLabOptions(ROOT, {}, {}), (p) => readFileSync(p, 'utf8'))
  const scenario = o.scenario
    ? parseScenario(readFileSync(o.scenario, 'utf8'), o.scenario)
    : undefined
  const lab = await startSimLab({
    topology: def.topology,
    timeFactor: o.timeFactor ?? def.profile.timeFactor,
    ...(scenario ? { scenario } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
  })
  const base = await wrap(lab.cluster)
  const joinCommand = await lab.kubeadm.bootstrap({ join: o.join !== false })
  return { ...base, lab, joinCommand, stop: async () => (await base.stop(), await lab.stop()) }
}

/** Polls `fn` every `everyMs` until it holds; throws `timed out waiting for <what>` after `ms`. */
export async function until(
  what: string,
  fn: () => Promise<boolean>,
  ms = 60_000,
  everyMs = 100
): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await fn()) return
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`timed out waiting for ${what}`)
}
