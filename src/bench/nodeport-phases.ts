import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { Agent, request } from 'node:https'
import {
  processCpuSeconds,
  sampleApi,
  sampleCommand,
  type ApiEndpoint,
  type WallTimes,
} from './api-probes.js'
import type { BareServerInput } from './bare-server.js'
import type { PacedLoadOptions, PacedLoadResult } from './paced-load.js'

/** One phase's figures: kubectl's wall time, the API server's own latency, the server's CPU. */
export interface NodePortApiPhase {
  kubectl: WallTimes
  /** `GET /api/v1/pods` over a kept-alive HTTPS connection (no client start-up in it). */
  api: WallTimes
  /** CPU the server process (lab daemon or bare reference) used, as a fraction of one core. */
  daemonCpu: number
  /** CPU seconds the server process used in the phase. */
  daemonCpuSeconds: number
  /** Wall-clock seconds of the phase. */
  seconds: number
}

/** Runs the paced load in its own process (its CPU is not the bench's) and returns its result. */
export function runLoad(root: string, o: PacedLoadOptions): Promise<PacedLoadResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src', 'bench', 'paced-load-child.ts'), JSON.stringify(o)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] }
  )
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  const kill = setTimeout(() => child.kill('SIGKILL'), o.durationMs + 30_000)
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearTimeout(kill)
      try {
        resolve(JSON.parse(out) as PacedLoadResult)
      } catch (cause) {
        reject(new Error(`failed to run the load generator (exit ${String(code)})`, { cause }))
      }
    })
  })
}

/** What a phase samples: kubectl (its binary, args, env), the API endpoint, the server's pid. */
export interface PhaseProbes {
  kubectl: string
  args: string[]
  env: NodeJS.ProcessEnv
  api: ApiEndpoint
  pid: number
}

/**
 * Runs kubectl every 500 ms and the kept-alive API probe every 100 ms until `until()` holds,
 * while `during` runs, and measures the server process's CPU over the phase.
 */
export async function measurePhase(
  p: PhaseProbes,
  until: () => boolean,
  during: Promise<unknown>
): Promise<NodePortApiPhase> {
  const cpu0 = await processCpuSeconds(p.pid)
  const t0 = performance.now()
  const [k, a] = await Promise.all([
    sampleCommand(p.kubectl, p.args, p.env, 500, until),
    sampleApi(p.api, '/api/v1/pods', 100, until),
    during,
  ])
  const seconds = (performance.now() - t0) / 1000
  const used = (await processCpuSeconds(p.pid)) - cpu0
  return { kubectl: k, api: a, daemonCpu: used / seconds, daemonCpuSeconds: used, seconds }
}

/** The Accept headers kubectl 1.33 sends: aggregated discovery, and a Table for `get`. */
const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json'
const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json'

/** The requests `kubectl get pods -A` makes (discovery once, then the Table LIST). */
const KUBECTL_GETS: [path: string, accept: string][] = [
  ['/api', DISCOVERY_ACCEPT],
  ['/apis', DISCOVERY_ACCEPT],
  ['/api/v1/pods?limit=500', TABLE_ACCEPT],
]

/**
 * Returns what the API server answers to each request `kubectl get pods -A` makes (by path,
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
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    }
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
