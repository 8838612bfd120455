import { execFile, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveLabOptions, StateDir, stopDaemon, upLab } from '../lab/index.js'
import {
  processCpuSeconds,
  sampleApi,
  sampleCommand,
  type ApiEndpoint,
  type WallTimes,
} from './api-probes.js'
import type { PacedLoadOptions, PacedLoadResult } from './paced-load.js'

const PATH = '/api/multicloud/v0/swagger.json'

/** Options of the NodePort-under-load bench. */
export interface NodePortApiBenchOptions {
  /** Target NodePort requests per second (default 5,000). */
  rps: number
  /** Seconds of load (default 30). */
  seconds: number
  /** Seconds of the idle measurement before the load (default 10). */
  idleSeconds: number
  /** Keep-alive connections of the load generator (default 64). */
  connections: number
  /** A running lab's state dir to measure instead of a fresh `lab:up` (kept up). */
  stateDir?: string
}

/** One phase's figures: kubectl's wall time, the API server's own latency, the daemon's CPU. */
export interface NodePortApiPhase {
  kubectl: WallTimes
  /** `GET /api/v1/pods` over a kept-alive HTTPS connection (no client start-up in it). */
  api: WallTimes
  /** CPU the daemon used, as a fraction of one core. */
  daemonCpu: number
}

/** What the bench measured. */
export interface NodePortApiBenchResult {
  idle: NodePortApiPhase
  load: NodePortApiPhase
  nodePort: PacedLoadResult
  /** The load generator's CPU as a fraction of one core. */
  loadCpu: number
  targets: string[]
}

/** Reads the bench's options from `BENCH_NODEPORT_*` variables (the bench script's env). */
export function nodePortApiBenchOptions(env: NodeJS.ProcessEnv): NodePortApiBenchOptions {
  const num = (name: string, dflt: number, max: number) => {
    const v = env[name] === undefined ? dflt : Number(env[name])
    if (!Number.isFinite(v) || v <= 0 || v > max)
      throw new Error(`${name}=${String(env[name])} is not a number in (0, ${String(max)}]`)
    return v
  }
  return {
    rps: num('BENCH_NODEPORT_RPS', 5000, 50_000),
    seconds: num('BENCH_NODEPORT_SECONDS', 30, 30),
    idleSeconds: num('BENCH_NODEPORT_IDLE_SECONDS', 10, 30),
    connections: num('BENCH_NODEPORT_CONNECTIONS', 64, 1000),
    ...(env.BENCH_NODEPORT_STATE_DIR ? { stateDir: env.BENCH_NODEPORT_STATE_DIR } : {}),
  }
}

function kubectlOut(kubectl: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(kubectl, args, { env, timeout: 30_000 }, (err, out, stderr) =>
      err ? reject(new Error(`failed to run kubectl ${args.join(' ')}: ${stderr}`)) : resolve(out)
    )
  })
}

async function swaggerAnswers(target: string): Promise<boolean> {
  const { request } = await import('node:http')
  const [host, port] = target.split(':')
  return new Promise((resolve) => {
    const req = request({ host, port, path: PATH, timeout: 5000 }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode === 200))
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(false))
    req.end()
  })
}

function runLoad(root: string, o: PacedLoadOptions): Promise<PacedLoadResult> {
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

/**
 * Measures, as a user would, whether NodePort traffic starves the API server: a lab daemon in its
 * own process (a fresh `lab:up` of the page, or a running lab's state dir), the real kubectl
 * (`get pods -A`, every 500 ms) and a kept-alive `GET /api/v1/pods` probe (every 100 ms), first
 * with the lab idle, then while a separate load-generator process paces GETs of the multicloud
 * swagger through msb-iag's NodePort on every node address. Bounded: ≤ 30 s of load, loopback.
 */
export async function nodePortApiBench(
  root: string,
  o: NodePortApiBenchOptions
): Promise<NodePortApiBenchResult> {
  const own = o.stateDir === undefined
  const stateDir = o.stateDir ?? mkdtempSync(join(tmpdir(), 'mesh-lab-npbench-'))
  const state = new StateDir(stateDir)
  try {
    if (own) {
      const opts = resolveLabOptions(root, { stateDir, repoPort: 0 }, {})
      await upLab(root, opts, { line: () => undefined, write: () => undefined, tty: false })
    }
    const home = join(stateDir, 'bench-home')
    mkdirSync(home, { recursive: true })
    const kubectl = join(root, '.clients', 'bin', 'kubectl')
    const env = { PATH: process.env.PATH, HOME: home, KUBECONFIG: state.kubeconfig }
    const addrs = await kubectlOut(
      kubectl,
      [
        'get',
        'nodes',
        '-o',
        'jsonpath={.items[*].status.addresses[?(@.type=="InternalIP")].address}',
      ],
      env
    )
    const nodePort = await kubectlOut(
      kubectl,
      [
        'get',
        'svc',
        'msb-iag',
        '-n',
        'onap',
        '-o',
        'jsonpath={.spec.ports[?(@.port==80)].nodePort}',
      ],
      env
    )
    const targets = addrs
      .trim()
      .split(/\s+/)
      .map((a) => `${a}:${nodePort.trim()}`)
    const deadline = Date.now() + 120_000
    for (const t of targets) {
      while (!(await swaggerAnswers(t))) {
        if (Date.now() > deadline)
          throw new Error(`failed to bench: ${t}${PATH} does not answer 200`)
        await new Promise((r) => setTimeout(r, 250))
      }
    }
    const kubeconfig = readFileSync(state.kubeconfig, 'utf8')
    const api: ApiEndpoint = {
      server: /server: (\S+)/.exec(kubeconfig)![1]!,
      token: /token: (\S+)/.exec(kubeconfig)![1]!,
      caPem: state.read('ca.crt')!,
    }
    const pid = Number(state.read('pid'))
    const get = ['get', 'pods', '-A']
    // One run first: kubectl's discovery cache is warm from then on, as on a user's machine.
    await kubectlOut(kubectl, get, env)
    const phase = async (until: () => boolean, during: Promise<unknown>) => {
      const cpu0 = await processCpuSeconds(pid)
      const t0 = performance.now()
      const [k, a] = await Promise.all([
        sampleCommand(kubectl, get, env, 500, until),
        sampleApi(api, '/api/v1/pods', 100, until),
        during,
      ])
      const seconds = (performance.now() - t0) / 1000
      return { kubectl: k, api: a, daemonCpu: ((await processCpuSeconds(pid)) - cpu0) / seconds }
    }
    const idleEnd = Date.now() + o.idleSeconds * 1000
    const idle = await phase(() => Date.now() >= idleEnd, Promise.resolve())
    let loading = true
    const load = runLoad(root, {
      targets,
      path: PATH,
      rps: o.rps,
      durationMs: o.seconds * 1000,
      connections: o.connections,
    }).finally(() => (loading = false))
    const under = await phase(() => !loading, load)
    const nodePortResult = await load
    return {
      idle,
      load: under,
      nodePort: nodePortResult,
      loadCpu: nodePortResult.cpuSeconds / nodePortResult.seconds,
      targets,
    }
  } finally {
    if (own) {
      await stopDaemon(state)
      rmSync(stateDir, { recursive: true, force: true })
    }
  }
}

/** Runs the NodePort-under-load bench with `BENCH_NODEPORT_*` options and prints its figures. */
export async function printNodePortApiBench(
  root: string,
  env: NodeJS.ProcessEnv
): Promise<NodePortApiBenchResult> {
  const o = nodePortApiBenchOptions(env)
  console.log(
    `API server under NodePort load (target ${String(o.rps)} req/s for ${String(o.seconds)} s, ${PATH} via msb-iag, kubectl get pods -A every 500 ms):`
  )
  const r = await nodePortApiBench(root, o)
  const ms = (w: WallTimes) =>
    `p50 ${w.p50ms.toFixed(0).padStart(4)} ms  p90 ${w.p90ms.toFixed(0).padStart(4)} ms  max ${w.maxms.toFixed(0).padStart(4)} ms  (${String(w.samples)} runs${w.failures ? `, ${String(w.failures)} failed` : ''})`
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`
  console.log(`  kubectl get pods -A, lab idle       ${ms(r.idle.kubectl)}`)
  console.log(`  kubectl get pods -A, under load     ${ms(r.load.kubectl)}`)
  console.log(`  GET /api/v1/pods (kept-alive), idle ${ms(r.idle.api)}`)
  console.log(`  GET /api/v1/pods, under load        ${ms(r.load.api)}`)
  const n = r.nodePort
  console.log(
    `  NodePort load: ${n.rps.toFixed(0)} req/s achieved of ${String(n.targetRps)} (p50 ${n.p50ms.toFixed(1)} ms, p99 ${n.p99ms.toFixed(1)} ms, ${String(n.errors)} errors, ${String(n.missed)} tokens missed) on ${r.targets.join(', ')}`
  )
  console.log(
    `  CPU: daemon ${pct(r.idle.daemonCpu)} idle, ${pct(r.load.daemonCpu)} under load; load generator ${pct(r.loadCpu)} (of one core)`
  )
  return r
}
