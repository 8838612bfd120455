import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveLabOptions, StateDir, stopDaemon, upLab } from '../lab/index.js'
import type { ApiEndpoint, WallTimes } from './api-probes.js'
import {
  measurePhase,
  recordKubectlAnswers,
  runLoad,
  startBareReference,
  type NodePortApiPhase,
  type PhaseProbes,
} from './nodeport-phases.js'
import type { PacedLoadResult } from './paced-load.js'

export type { NodePortApiPhase } from './nodeport-phases.js'

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

/** GETs the swagger through a NodePort: its body and content type when it answers 200. */
async function swaggerAnswer(
  target: string
): Promise<{ body: string; contentType: string } | undefined> {
  const { request } = await import('node:http')
  const [host, port] = target.split(':')
  return new Promise((resolve) => {
    const req = request({ host, port, path: PATH, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve(
          res.statusCode === 200
            ? {
                body: Buffer.concat(chunks).toString('utf8'),
                contentType: res.headers['content-type'] ?? 'application/json',
              }
            : undefined
        )
      )
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(undefined))
    req.end()
  })
}

/** Measures one side: kubectl idle, then under the paced load on `targets`. */
async function measureSide(
  root: string,
  o: NodePortApiBenchOptions,
  probes: PhaseProbes,
  targets: string[]
): Promise<NodePortApiSide> {
  // One run first: kubectl's discovery cache is warm from then on, as on a user's machine.
  await kubectlOut(probes.kubectl, probes.args, probes.env)
  const idleEnd = Date.now() + o.idleSeconds * 1000
  const idle = await measurePhase(probes, () => Date.now() >= idleEnd, Promise.resolve())
  let loading = true
  const load = runLoad(root, {
    targets,
    path: PATH,
    rps: o.rps,
    durationMs: o.seconds * 1000,
    connections: o.connections,
  }).finally(() => (loading = false))
  const under = await measurePhase(probes, () => !loading, load)
  const nodePort = await load
  return { idle, load: under, nodePort, loadCpu: nodePort.cpuSeconds / nodePort.seconds, targets }
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
    let swagger: { body: string; contentType: string } | undefined
    for (const t of targets) {
      while (!(swagger = await swaggerAnswer(t))) {
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
    const get = ['get', 'pods', '-A']
    const lab = await measureSide(
      root,
      o,
      { kubectl, args: get, env, api, pid: Number(state.read('pid')) },
      targets
    )
    // The reference, in the same run: the same bytes from bare Node.js, the same load.
    const reference = await startBareReference(root, {
      certPem: readFileSync(join(stateDir, 'apiserver.crt'), 'utf8'),
      keyPem: readFileSync(join(stateDir, 'apiserver.key'), 'utf8'),
      responses: await recordKubectlAnswers(api),
      chain: { ...swagger!, path: PATH },
    })
    try {
      const server = `https://127.0.0.1:${String(reference.port)}`
      const refHome = join(stateDir, 'bench-home-reference')
      mkdirSync(refHome, { recursive: true })
      const refConfig = join(refHome, 'kubeconfig')
      writeFileSync(refConfig, kubeconfig.replace(/server: \S+/, `server: ${server}`))
      const ref = await measureSide(
        root,
        o,
        {
          kubectl,
          args: get,
          env: { PATH: process.env.PATH, HOME: refHome, KUBECONFIG: refConfig },
          api: { ...api, server },
          pid: reference.pid,
        },
        [new URL(reference.chainUrl).host]
      )
      return { ...lab, reference: ref }
    } finally {
      await reference.stop()
    }
  } finally {
    if (own) {
      await stopDaemon(state)
      rmSync(stateDir, { recursive: true, force: true })
    }
  }
}

/** Returns the bench's table: the lab next to the bare reference, idle and under load. */
export function nodePortApiTable(r: NodePortApiBenchResult): string[] {
  const ms = (w: WallTimes) =>
    `${[w.p50ms, w.p90ms, w.p99ms, w.maxms].map((x) => x.toFixed(0).padStart(6)).join('')}  (${String(w.samples)} runs${w.failures ? `, ${String(w.failures)} failed` : ''})`
  const sides = [
    ['lab', r],
    ['bare', r.reference],
  ] as const
  const out = [
    `  ${''.padEnd(46)}${['p50', 'p90', 'p99', 'max'].map((h) => h.padStart(6)).join('')}  ms`,
  ]
  const rows = [
    ['kubectl get pods -A,', (s: NodePortApiSide) => [s.idle.kubectl, s.load.kubectl]],
    ['kept-alive GET /api/v1/pods,', (s: NodePortApiSide) => [s.idle.api, s.load.api]],
  ] as const
  for (const [what, pick] of rows)
    for (const [name, side] of sides) {
      const [idle, load] = pick(side)
      out.push(`  ${`${what} ${name} idle`.padEnd(46)}${ms(idle!)}`)
      out.push(`  ${`${what} ${name} under load`.padEnd(46)}${ms(load!)}`)
    }
  const pct = (x: number) => `${(100 * x).toFixed(0)}%`
  for (const [name, side] of sides) {
    const n = side.nodePort
    // The probes and kubectl cost the same in both phases: what the load added, per request.
    const added = side.load.daemonCpuSeconds - side.idle.daemonCpu * side.load.seconds
    const perReq = n.ok > 0 ? (Math.max(0, added) * 1e6) / n.ok : 0
    out.push(
      `  ${name === 'lab' ? 'NodePort → msb-iag → multicloud' : 'bare proxy → bare server'}: ${n.rps.toFixed(0)} req/s of ${String(n.targetRps)} (p50 ${n.p50ms.toFixed(1)} ms, p99 ${n.p99ms.toFixed(1)} ms, ${String(n.errors)} errors, ${String(n.missed)} tokens missed) on ${side.targets.join(', ')}`
    )
    out.push(
      `    CPU: ${name === 'lab' ? 'daemon' : 'bare process'} ${pct(side.idle.daemonCpu)} idle, ${pct(side.load.daemonCpu)} under load (${perReq.toFixed(0)} µs per request over idle); load generator ${pct(side.loadCpu)} (${n.ok > 0 ? ((n.cpuSeconds * 1e6) / n.ok).toFixed(0) : '0'} µs per request)`
    )
  }
  return out
}

/** Runs the NodePort-under-load bench with `BENCH_NODEPORT_*` options and prints its figures. */
export async function printNodePortApiBench(
  root: string,
  env: NodeJS.ProcessEnv
): Promise<NodePortApiBenchResult> {
  const o = nodePortApiBenchOptions(env)
  console.log(
    `API server under NodePort load (target ${String(o.rps)} req/s for ${String(o.seconds)} s, ${PATH} via msb-iag, kubectl get pods -A every 500 ms), next to a bare Node.js reference in the same run (an HTTPS server answering kubectl the same bytes, one process with the bare two-hop proxy chain under the same load):`
  )
  const r = await nodePortApiBench(root, o)
  for (const line of nodePortApiTable(r)) console.log(line)
  return r
}
