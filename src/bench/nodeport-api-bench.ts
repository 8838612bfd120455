import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { resolveLabOptions, StateDir, stopDaemon, upLab } from '../lab/index.js'
import type { ApiEndpoint } from './api-probes.js'
import { nodePortApiTable } from './nodeport-api-table.js'
import { GET_PODS, type KubectlCommand } from './nodeport-kubectl.js'
import { listensOn } from './nodeport-machine.js'
import {
  measurePhase,
  recordKubectlAnswers,
  runLoad,
  startBareReference,
  type NodePortApiBenchResult,
  type NodePortApiSide,
  type PhaseProbes,
} from './nodeport-phases.js'

export type {
  NodePortApiBenchResult,
  NodePortApiPhase,
  NodePortApiSide,
} from './nodeport-phases.js'
export { nodePortApiTable } from './nodeport-api-table.js'

const PATH = '/api/multicloud/v0/swagger.json'

/** Options of the NodePort-under-load bench. */
export interface NodePortApiBenchOptions {
  /** Target NodePort requests per second (default 5,000). */
  rps: number
  /** Seconds of load (default 30). */
  seconds: number
  /** Seconds of the idle measurement before the load (default 15). */
  idleSeconds: number
  /** Seconds of load before the measured window (default 3): JIT, connections, caches. */
  warmupSeconds: number
  /** Keep-alive connections the load generator opens first (default 64). */
  connections: number
  /** Connections it may grow to when every one is busy (default 500). */
  maxConnections: number
  /** A running lab's state dir to measure instead of a fresh `lab:up` (kept up). */
  stateDir?: string
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
    idleSeconds: num('BENCH_NODEPORT_IDLE_SECONDS', 15, 30),
    warmupSeconds: num('BENCH_NODEPORT_WARMUP_SECONDS', 3, 10),
    connections: num('BENCH_NODEPORT_CONNECTIONS', 64, 1000),
    maxConnections: num('BENCH_NODEPORT_MAX_CONNECTIONS', 500, 1000),
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
  // kubectl keeps its discovery cache in $HOME/.kube/cache for 6 hours, as on a user's machine:
  // the side's HOME persists through the run and one run of each command warms it first.
  for (const c of probes.commands) await kubectlOut(probes.kubectl, c.args, probes.env)
  const idleEnd = Date.now() + o.idleSeconds * 1000
  const idle = await measurePhase(probes, () => Date.now() >= idleEnd, Promise.resolve())
  let loading = true
  const load = runLoad(root, {
    targets,
    path: PATH,
    rps: o.rps,
    durationMs: o.seconds * 1000,
    warmupMs: o.warmupSeconds * 1000,
    connections: o.connections,
    maxConnections: o.maxConnections,
  })
  const result = load.result.finally(() => (loading = false))
  // kubectl is measured in the generator's measured window, not in its warm-up.
  await load.measuring
  const under = await measurePhase(probes, () => !loading, result)
  const nodePort = await result
  return { idle, load: under, nodePort, loadCpu: nodePort.cpuSeconds / nodePort.seconds, targets }
}

/**
 * Measures, as a user would, whether NodePort traffic starves the API server: a lab daemon in its
 * own process (a fresh `lab:up` of the page, or a running lab's state dir), the real kubectl
 * (`get pods` in default, onap and all namespaces, and a traced `-A -v=9`, in turn, one start
 * every 400 ms, discovery cached as on a user's machine) and a kept-alive `GET /api/v1/pods`
 * probe (every 100 ms), first with the lab idle, then while a separate load-generator process
 * paces GETs of the multicloud swagger through msb-iag's NodePort on every node address.
 * Bounded: ≤ 30 s of load after ≤ 10 s of warm-up, loopback only.
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
    const labPid = Number(state.read('pid'))
    // A NodePort another lab bound first is skipped by this lab's kube-proxy: never load that one.
    for (const t of targets)
      if (!(await listensOn(labPid, t)))
        throw new Error(
          `failed to bench: ${t} is not the lab daemon's (pid ${String(labPid)}) socket; is another lab on the same node addresses? (lab:up --node-address-offset)`
        )
    const kubeconfig = readFileSync(state.kubeconfig, 'utf8')
    const api: ApiEndpoint = {
      server: /server: (\S+)/.exec(kubeconfig)![1]!,
      token: /token: (\S+)/.exec(kubeconfig)![1]!,
      caPem: state.read('ca.crt')!,
    }
    const commands: KubectlCommand[] = GET_PODS
    const lab = await measureSide(
      root,
      o,
      { kubectl, commands, env, api, pid: labPid, labPid },
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
          commands,
          env: { PATH: process.env.PATH, HOME: refHome, KUBECONFIG: refConfig },
          api: { ...api, server },
          pid: reference.pid,
          labPid,
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

/** Runs the NodePort-under-load bench with `BENCH_NODEPORT_*` options and prints its figures. */
export async function printNodePortApiBench(
  root: string,
  env: NodeJS.ProcessEnv
): Promise<NodePortApiBenchResult> {
  const o = nodePortApiBenchOptions(env)
  console.log(
    `API server under NodePort load (target ${String(o.rps)} req/s for ${String(o.seconds)} s, ${PATH} via msb-iag, after ${String(o.warmupSeconds)} s of warm-up; ${String(o.connections)} connections growing to ${String(o.maxConnections)} when all are busy; kubectl get pods / -n onap / -A / -A -v=9 in turn, one start every 400 ms, with a discovery cache warmed once as a user's ~/.kube/cache), next to a bare Node.js reference in the same run (an HTTPS server answering kubectl the same bytes, one process with the bare two-hop proxy chain under the same load):`
  )
  const r = await nodePortApiBench(root, o)
  for (const line of nodePortApiTable(r)) console.log(line)
  return r
}
