import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  execOnMachine,
  resolveLabOptions,
  StateDir,
  stopDaemon,
  upLab,
  type MachineResult,
} from '../../src/lab/index.js'
import { KUBECTL, ROOT, run, until, type RunResult } from './lab-fixture.js'

/** One answer seen by a client of a NodePort. */
export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** The page's lab (`lab:up`: the cluster, Istio 1.0.0, the ONAP releases in `onap`) as a user reaches it. */
export interface PageLab {
  stateDir: string
  /** The first node's InternalIP, where the NodePorts listen. */
  node: string
  kubectl(args: string[], input?: string): Promise<RunResult>
  /** `kubectl apply -f <file>` (it must succeed), then the time the sidecars take to see it. */
  apply(...files: string[]): Promise<void>
  /** `kubectl delete -f <file>` (it must succeed), then the time the sidecars take to see it. */
  remove(...files: string[]): Promise<void>
  /** Waits the time the sidecars take to see a change made with `kubectl`. */
  settle(): Promise<void>
  /** `n` GETs of `path` on a NodePort of the first node, `concurrency` at a time (keep-alive). */
  nodePort(
    port: number,
    path: string,
    o?: { n?: number; concurrency?: number; headers?: Record<string, string> }
  ): Promise<Answer[]>
  /** curl inside a pod of `onap` through the daemon (the engine behind `npx mesh-lab curl`). */
  inPod(target: string, curlArgs: string[]): Promise<MachineResult>
  /** The CLI itself: `npx mesh-lab <args>` (bin/mesh-lab.js) on this lab. */
  meshLab(args: string[]): Promise<RunResult>
  /** `npx mesh-lab curl <target> -n onap -- <curl args>`. */
  meshLabCurl(target: string, curlArgs: string[]): Promise<RunResult>
  /** Names of the running (not terminating) pods of `onap` matching a label selector. */
  pods(selector: string): Promise<string[]>
  /** Waits until the Service in `onap` has `n` ready endpoint addresses. */
  endpoints(service: string, n: number): Promise<void>
  /** The access-log lines of a pod's istio-proxy container holding `"<userAgent>"`. */
  proxyLog(pod: string, userAgent: string): Promise<string[]>
  stop(): Promise<void>
}

// The sidecars follow the Istio objects through a watch in the lab daemon: well under this.
const SETTLE_MS = 700

/** Stands the page's lab up (`lab:up` with the given scenario) in a temp state dir. */
export async function startPageLab(scenario: string): Promise<PageLab> {
  const stateDir = mkdtempSync(join(tmpdir(), 'mesh-page-lab-'))
  const quiet = { line: () => undefined, write: () => undefined, tty: false }
  try {
    await upLab(ROOT, resolveLabOptions(ROOT, { stateDir, repoPort: 0, scenario }, {}), quiet)
  } catch (err) {
    await stopDaemon(new StateDir(stateDir))
    rmSync(stateDir, { recursive: true, force: true })
    throw err
  }
  const state = new StateDir(stateDir)
  const env = { PATH: process.env.PATH, HOME: stateDir, KUBECONFIG: state.kubeconfig }
  const kubectl = (args: string[], input?: string) => run(KUBECTL, args, env, input)
  const ok = async (args: string[]) => {
    const r = await kubectl(args)
    expect(r.code, `kubectl ${args.join(' ')}: ${r.stderr}`).to.equal(0)
    return r.stdout
  }
  const node = (
    await ok(['get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[0].address}'])
  ).trim()
  const meshLab = (args: string[]) =>
    run(process.execPath, [join(ROOT, 'bin', 'mesh-lab.js'), ...args], {
      PATH: process.env.PATH,
      HOME: stateDir,
      LAB_STATE_DIR: stateDir,
    })
  const settle = () => new Promise<void>((r) => setTimeout(r, SETTLE_MS))
  const files = (fs: string[]) => fs.flatMap((f) => ['-f', f])
  const pods = async (selector: string) => {
    const list = JSON.parse(await ok(['get', 'pods', '-n', 'onap', '-l', selector, '-o', 'json']))
      .items as {
      metadata: { name: string; deletionTimestamp?: string }
      status: { phase?: string }
    }[]
    return list
      .filter((p) => !p.metadata.deletionTimestamp && p.status.phase === 'Running')
      .map((p) => p.metadata.name)
  }
  return {
    stateDir,
    node,
    kubectl,
    apply: async (...fs) => (await ok(['apply', ...files(fs)]), await settle()),
    remove: async (...fs) => (await ok(['delete', ...files(fs)]), await settle()),
    settle,
    nodePort: (port, path, o = {}) => getMany(node, port, path, o),
    inPod: (target, args) =>
      execOnMachine(state.path('machines.sock'), '', ['curl', target, '-n', 'onap', '--', ...args]),
    meshLab,
    meshLabCurl: (target, args) => meshLab(['curl', target, '-n', 'onap', '--', ...args]),
    pods,
    endpoints: (service, n) =>
      until(
        `${n} endpoints of ${service}`,
        async () => {
          const ips = await ok([
            'get',
            'endpoints',
            service,
            '-n',
            'onap',
            '-o',
            'jsonpath={.subsets[*].addresses[*].ip}',
          ])
          return ips.split(/\s+/).filter(Boolean).length === n
        },
        60_000,
        200
      ).then(settle),
    proxyLog: async (pod, ua) =>
      (await ok(['logs', '-n', 'onap', pod, '-c', 'istio-proxy']))
        .split('\n')
        .filter((l) => l.includes(`"${ua}"`)),
    stop: async () => {
      await stopDaemon(state)
      rmSync(stateDir, { recursive: true, force: true })
    },
  }
}

async function getMany(
  host: string,
  port: number,
  path: string,
  o: { n?: number; concurrency?: number; headers?: Record<string, string> }
): Promise<Answer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency ?? 1 })
  const out: Answer[] = []
  let left = o.n ?? 1
  const one = () =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(
        { host, port, path, agent, headers: o.headers ?? {}, timeout: 20_000 },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString(),
            })
          )
        }
      )
      req.on('timeout', () => req.destroy(new Error(`GET ${path} on ${host}:${port} timed out`)))
      req.on('error', reject)
      req.end()
    })
  try {
    await Promise.all(
      Array.from({ length: o.concurrency ?? 1 }, async () => {
        while (left-- > 0) out.push(await one())
      })
    )
  } finally {
    agent.destroy()
  }
  return out
}
