import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { Agent, request } from 'node:https'
import { processCpuSeconds, sampleApi, type ApiEndpoint, type WallTimes } from './api-probes.js'
import { sampleKubectl, type KubectlCommand, type KubectlSamples } from './nodeport-kubectl.js'
import { watchMachine, type MachineLoad } from './nodeport-machine.js'
import type { BareServerInput } from './bare-server.js'
import type { PacedLoadOptions, PacedLoadResult } from './paced-load.js'

/** One phase's figures: kubectl's wall time, the API server's own latency, the server's CPU. */
export interface NodePortApiPhase {
  kubectl: KubectlSamples
  /** `GET /api/v1/pods` over a kept-alive HTTPS connection (no client start-up in it). */
  api: WallTimes
  /** CPU the server process (lab daemon or bare reference) used, as a fraction of one core. */
  daemonCpu: number
  /** CPU seconds the server process used in the phase. */
  daemonCpuSeconds: number
  /** Wall-clock seconds of the phase. */
  seconds: number
  /** How busy the machine was over the phase. */
  machine: MachineLoad
}

/** One side of the comparison: the lab or the bare reference, idle and under the same load. */
export interface NodePortApiSide {
  idle: NodePortApiPhase
  load: NodePortApiPhase
  nodePort: PacedLoadResult
  /** The load generator's CPU as a fraction of one core. */
  loadCpu: number
  targets: string[]
}

/** What the bench measured: the lab, and the bare reference measured in the same run. */
export interface NodePortApiBenchResult extends NodePortApiSide {
  reference: NodePortApiSide
}

/** A load run in its own process: when its measured window starts, and its result. */
export interface LoadRun {
  /** Resolves when the generator's warm-up is over and its measured window starts. */
  measuring: Promise<void>
  result: Promise<PacedLoadResult>
}

/**
 * Runs the paced load in its own process and session (its CPU is not the bench's; with Linux's
 * autogroup scheduling a session shares the CPU as one group, so the generator does not take
 * kubectl's share, as a load from another terminal or machine would not).
 */
export function runLoad(root: string, o: Omit<PacedLoadOptions, 'onMeasuring'>): LoadRun {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src', 'bench', 'paced-load-child.ts'), JSON.stringify(o)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], detached: true }
  )
  let out = ''
  let onMeasuring = () => {}
  const measuring = new Promise<void>((resolve) => (onMeasuring = resolve))
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString()
    if (out.startsWith('measuring\n')) onMeasuring()
  })
  const kill = setTimeout(() => child.kill('SIGKILL'), (o.warmupMs ?? 0) + o.durationMs + 30_000)
  const result = new Promise<PacedLoadResult>((resolve, reject) => {
    child.on('exit', (code) => {
      clearTimeout(kill)
      onMeasuring()
      try {
        resolve(JSON.parse(out.replace(/^measuring\n/, '')) as PacedLoadResult)
      } catch (cause) {
        reject(new Error(`failed to run the load generator (exit ${String(code)})`, { cause }))
      }
    })
  })
  return { measuring, result }
}

/** What a phase samples: kubectl (its binary, commands, env), the API endpoint, the server's pid. */
export interface PhaseProbes {
  kubectl: string
  commands: KubectlCommand[]
  env: NodeJS.ProcessEnv
  api: ApiEndpoint
  pid: number
  /** The lab daemon's pid (its child processes' CPU is reported on both sides: it stays up). */
  labPid: number
}

/** How often kubectl starts (one run at a time), and the kept-alive probe. */
const KUBECTL_EVERY_MS = 400
const PROBE_EVERY_MS = 100

/**
 * Runs kubectl every 400 ms and the kept-alive API probe every 100 ms until `until()` holds,
 * while `during` runs, and measures the server process's CPU over the phase.
 */
export async function measurePhase(
  p: PhaseProbes,
  until: () => boolean,
  during: Promise<unknown>
): Promise<NodePortApiPhase> {
  const machine = await watchMachine(p.labPid)
  const cpu0 = await processCpuSeconds(p.pid)
  const t0 = performance.now()
  const [k, a] = await Promise.all([
    sampleKubectl(p.kubectl, p.commands, p.env, KUBECTL_EVERY_MS, until),
    sampleApi(p.api, '/api/v1/pods', PROBE_EVERY_MS, until),
    during,
  ])
  const seconds = (performance.now() - t0) / 1000
  const used = (await processCpuSeconds(p.pid)) - cpu0
  return {
    kubectl: k,
    api: a,
    daemonCpu: used / seconds,
    daemonCpuSeconds: used,
    seconds,
    machine: await machine(),
  }
}

/** The Accept headers kubectl 1.33 sends: aggregated discovery, and a Table for `get`. */
const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json'
const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'

/** The requests the bench's `kubectl get pods` make (discovery once, then the Table LISTs). */
const KUBECTL_GETS: [path: string, accept: string][] = [
  ['/api', DISCOVERY_ACCEPT],
  ['/apis', DISCOVERY_ACCEPT],
  ['/api/v1/pods?limit=500', TABLE_ACCEPT],
  ['/api/v1/namespaces/default/pods?limit=500', TABLE_ACCEPT],
  ['/api/v1/namespaces/onap/pods?limit=500', TABLE_ACCEPT],
]

/**
 * Returns what the API server answers to each request the bench's kubectl makes (by path,
 * with its content type): the bytes the bare reference serves.
 */
export async function recordKubectlAnswers(
  api: ApiEndpoint
): Promise<NonNullable<BareServerInput['responses']>> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: api.caPem })
  const u = new URL(api.server)
  const out: NonNullable<BareServerInput['responses']> = {}
  try {
    for (const [path, accept] of KUBECTL_GETS) {
      out[path.split('?')[0]!] = await new Promise((resolve, reject) => {
        const req = request(
          {
            agent,
            hostname: u.hostname,
            port: u.port,
            path,
            timeout: 10_000,
            headers: { authorization: `Bearer ${api.token}`, accept },
          },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () =>
              res.statusCode === 200
                ? resolve({
                    body: Buffer.concat(chunks).toString('utf8'),
                    contentType: res.headers['content-type'] ?? 'application/json',
                  })
                : reject(new Error(`failed to record GET ${path}: ${String(res.statusCode)}`))
            )
          }
        )
        req.on('timeout', () => req.destroy(new Error(`failed to record GET ${path}: timeout`)))
        req.on('error', reject)
        req.end()
      })
    }
  } finally {
    agent.destroy()
  }
  return out
}

/** The bare reference process: its API port, its chain's URL, its pid, and stop. */
export interface BareReference {
  port: number
  chainUrl: string
  pid: number
  stop(): Promise<void>
}

/**
 * Starts the reference in its own process, as the lab daemon runs: a bare Node.js HTTPS server
 * answering kubectl's requests with the recorded bytes, and the bare two-hop proxy chain
 * (bare-proxy-chain.ts) serving the NodePort load's body.
 */
export async function startBareReference(
  root: string,
  input: BareServerInput
): Promise<BareReference> {
  const b = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src', 'bench', 'bare-server.ts')],
    // Its own session, as `lab:up` starts the daemon (setsid): with autogroup scheduling both
    // servers get a session's share of the CPU, and neither shares one with kubectl.
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'], detached: true }
  )
  const line = new Promise<string>((resolve, reject) => {
    let out = ''
    b.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve(out.trim())
    })
    b.once('exit', (code) => reject(new Error(`the bare reference exited (${String(code)})`)))
  })
  b.stdin!.end(JSON.stringify(input))
  const started = JSON.parse(await line) as { port: number; chainUrl: string }
  return {
    ...started,
    pid: b.pid ?? 0,
    stop: () =>
      new Promise<void>((resolve) => {
        if (b.exitCode !== null) return resolve()
        const kill = setTimeout(() => b.kill('SIGKILL'), 5000)
        b.once('exit', () => (clearTimeout(kill), resolve()))
        b.kill('SIGTERM')
      }),
  }
}
