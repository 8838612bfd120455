import { spawn, execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimLab, type StartedSimLab } from '../backends/sim/index.js'
import { buildTopology, parseKindConfig, parseLabProfile } from '../cluster/index.js'
import type { KubeClient } from '../client/index.js'
import { startCpuProfile } from './cluster-profile.js'

const NODES = { apiVersion: 'v1', resource: 'nodes', namespaced: false }
/** The pod CIDR of the node KWOK-shaped runs pin their pods to (far above the others' /24s). */
const BIG_NODE_CIDR = '10.200.0.0/16'

/** A sim lab of one master and some workers, joined with kubeadm, for the cluster benchmark. */
export interface BenchLab {
  lab: StartedSimLab
  client: KubeClient
  nodes: number
  /** The first worker's name (the node KWOK-shaped runs pin their pods to). */
  firstWorker: string | undefined
  /** Seconds from kubeadm init until every node was Ready. */
  readySeconds: number
  /** CPU seconds (user + system) of this process meanwhile. */
  readyCpuSeconds: number
  /** A kubeconfig file for the real kubectl. */
  kubeconfig: string
  stop(): Promise<void>
}

/** Polls `fn` every 200 ms until it is true or `deadline` (performance.now()) passes; returns whether it became true. */
export async function pollUntil(fn: () => Promise<boolean>, deadline: number): Promise<boolean> {
  while (performance.now() < deadline) {
    if (await fn()) return true
    await new Promise((r) => setTimeout(r, 200))
  }
  return false
}

/**
 * Starts a lab of `workers` workers at the profile's time factor (the pod subnet widened to a /8
 * so that every node gets its /24, as kubeadm would need), runs kubeadm init and the joins, and
 * waits until every node is Ready or the deadline passes. With `profileLabel` and
 * BENCH_CPU_PROFILE set, the joins are CPU-profiled under that label; `bigFirstWorker` gives the
 * first worker a /16 and room for 65,000 pods (KWOK's shape: all pods on one node).
 */
export async function startBenchLab(
  root: string,
  workers: number,
  deadline: number,
  profileLabel?: string,
  opts: { bigFirstWorker?: boolean } = {}
): Promise<BenchLab> {
  const nodeLines = [
    '  - role: control-plane',
    ...Array.from({ length: workers }, () => '  - role: worker'),
  ].join('\n')
  const kind = parseKindConfig(
    `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: bench\nnodes:\n${nodeLines}\n`,
    'bench kind config'
  )
  const profile = parseLabProfile(
    readFileSync(join(root, 'lab', 'lab.yaml'), 'utf8'),
    'lab/lab.yaml'
  )
  profile.nodes = {}
  profile.networking.podSubnet = '10.0.0.0/8'
  const topology = buildTopology(kind, profile)
  // KWOK's shape: every pod on one node, which then needs the addresses and capacity for them
  // (a /16 beside the others' /24s, as a node given a larger --node-cidr-mask-size would have).
  const first = topology.nodes.find((n) => n.role === 'worker')
  if (opts.bigFirstWorker && first) {
    first.podCIDR = BIG_NODE_CIDR
    first.hardware = { ...first.hardware, pods: 65_000 }
  }
  const lab = await startSimLab({ topology, timeFactor: profile.timeFactor, listen: false })
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-bench-kube-'))
  const kubeconfig = join(dir, 'kubeconfig')
  writeFileSync(kubeconfig, lab.cluster.kubeconfig(), { mode: 0o600 })
  const stop = async () => {
    await lab.stop()
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const client = lab.cluster.client('bench')
    const profile = await startCpuProfile(
      profileLabel && process.env.BENCH_CPU_PROFILE,
      profileLabel ?? ''
    )
    const t0 = performance.now()
    const cpu0 = process.cpuUsage()
    await lab.kubeadm.bootstrap({ parallel: true })
    const ok = await pollUntil(
      async () => (await readyNodes(client)) === topology.nodes.length,
      deadline
    )
    const readySeconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    const readyCpuSeconds = (cpu.user + cpu.system) / 1e6
    await profile.stop()
    if (!ok) throw new Error(`${topology.nodes.length} nodes were not Ready in time`)
    return {
      lab,
      client,
      nodes: topology.nodes.length,
      firstWorker: first?.name,
      readySeconds,
      readyCpuSeconds,
      kubeconfig,
      stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}

async function readyNodes(client: KubeClient): Promise<number> {
  const list = await client.list(NODES)
  return list.items.filter((n) =>
    (
      (n.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ??
      []
    ).some((c) => c.type === 'Ready' && c.status === 'True')
  ).length
}

/** Returns the wall-clock ms of one `kubectl get nodes` (the real client, a process of its own). */
export function kubectlGetNodesMs(root: string, kubeconfig: string): Promise<number> {
  const kubectl = join(root, '.clients', 'bin', 'kubectl')
  const t0 = performance.now()
  return new Promise((resolve, reject) =>
    execFile(
      kubectl,
      ['--kubeconfig', kubeconfig, 'get', 'nodes', '--request-timeout=20s'],
      { maxBuffer: 64 * 2 ** 20 },
      (err) => (err ? reject(err) : resolve(performance.now() - t0))
    )
  )
}

/** Runs `kubectl get nodes` once a second until stopped; the latencies in ms. */
export function probeKubectl(root: string, kubeconfig: string): { stop(): Promise<number[]> } {
  const ms: number[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      const t = performance.now()
      ms.push(await kubectlGetNodesMs(root, kubeconfig).catch(() => Infinity))
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - t))))
    }
  })()
  return {
    async stop() {
      running = false
      await loop
      return ms
    },
  }
}

/** Raw writes per second through the API over HTTPS: small ConfigMap creates from a child process. */
export async function writesPerSecond(
  root: string,
  lab: StartedSimLab,
  durationMs: number
): Promise<number> {
  const client = lab.cluster.client('bench')
  await client.create(
    { apiVersion: 'v1', resource: 'namespaces', namespaced: false },
    { metadata: { name: 'bench-writes' } }
  )
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src', 'bench', 'write-load.ts')],
    { stdio: ['pipe', 'pipe', 'inherit'] }
  )
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  const done = new Promise<number | null>((resolve) => child.once('exit', resolve))
  child.stdin.end(
    JSON.stringify({
      url: lab.cluster.api.url,
      caPem: lab.cluster.pki.ca.certPem,
      token: lab.cluster.pki.token,
      namespace: 'bench-writes',
      concurrency: 16,
      durationMs,
    })
  )
  const code = await done
  if (code !== 0) throw new Error(`the write load exited with ${String(code)}`)
  const r = JSON.parse(out) as { writes: number; errors: number; seconds: number }
  return r.writes / r.seconds
}
