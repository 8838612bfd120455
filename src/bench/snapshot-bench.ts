import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, gunzipSync } from 'node:zlib'
import { startSimLab } from '../backends/sim/index.js'
import { buildTopology, parseKindConfig, parseLabProfile } from '../cluster/index.js'
import {
  defaultLabOptions,
  readSnapshotFile,
  restoreHooks,
  resumeMachines,
  takeSnapshot,
  writeSnapshotFile,
} from '../lab/index.js'
import { pollUntil } from './cluster-lab.js'
import { pauseDeployment } from './pause-deployment.js'

const NAMESPACES = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }
const DEPLOYMENTS = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }

/** Sizes and times of one snapshot and its restore. */
export interface SnapshotFigure {
  lab: string
  objects: number
  /** The file (gzip level 6 of the NDJSON records). */
  bytes: number
  /** The NDJSON before compression, and brotli (quality 11) of it, for comparison. */
  rawBytes: number
  brotliBytes: number
  snapshotMs: number
  /** Reading, checking and decoding the file. */
  readMs: number
  /** From nothing to a lab serving the objects with every machine resumed. */
  restoreMs: number
}

/**
 * The page's lab as a user runs it: `lab:up` (the whole install), `lab:snapshot`, `lab:down`,
 * `lab:up --from-snapshot` (bounded by `limitMs` per command).
 */
async function pageLabFigure(root: string, limitMs: number): Promise<SnapshotFigure> {
  const base = mkdtempSync(join(tmpdir(), 'mesh-lab-bench-snap-'))
  const env = { ...process.env, CI: 'true', LAB_REPO_PORT: '0' }
  const tsx = join(root, 'node_modules', '.bin', 'tsx')
  const script = (name: string, args: string[]) =>
    execFileSync(tsx, [join(root, 'scripts', `${name}.ts`), ...args], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: limitMs,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  const [a, b, file] = [join(base, 'a'), join(base, 'b'), join(base, 'page.snap')]
  try {
    script('lab-up', ['--state-dir', a])
    const t0 = performance.now()
    const out = script('lab-snapshot', ['--state-dir', a, '--out', file])
    const snapshotMs = Number(/, (\d+) ms\)/.exec(out)?.[1] ?? performance.now() - t0)
    script('lab-down', ['--state-dir', a])
    const t1 = performance.now()
    const snap = readSnapshotFile(file)
    const readMs = performance.now() - t1
    const t2 = performance.now()
    script('lab-up', ['--state-dir', b, '--from-snapshot', file])
    const restoreMs = performance.now() - t2
    return {
      lab: "the page's lab",
      objects: snap.header.counts.objects,
      snapshotMs,
      readMs,
      restoreMs,
      ...sizes(file),
    }
  } finally {
    for (const d of [a, b])
      try {
        script('lab-down', ['--state-dir', d])
      } catch {
        // not up: only its folder is left, removed with the rest
      }
    rmSync(base, { recursive: true, force: true })
  }
}

/**
 * A lab of 10 workers running `pods` pause pods (in Deployments of 1,000), snapshot in process,
 * then restored in process into a new lab whose kubelets resume every pod.
 */
async function bigLabFigure(root: string, pods: number, limitMs: number): Promise<SnapshotFigure> {
  const base = mkdtempSync(join(tmpdir(), 'mesh-lab-bench-snap-'))
  const kindText = `kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nname: bench\nnodes:\n  - role: control-plane\n${'  - role: worker\n'.repeat(10)}`
  const profile = parseLabProfile(
    readFileSync(join(root, 'lab', 'lab.yaml'), 'utf8'),
    'lab/lab.yaml'
  )
  profile.nodes = {}
  profile.networking.podSubnet = '10.0.0.0/8'
  const topology = buildTopology(parseKindConfig(kindText, 'bench kind config'), profile)
  writeFileSync(join(base, 'kind-config.yaml'), kindText)
  const opts = {
    ...defaultLabOptions(root),
    config: join(base, 'kind-config.yaml'),
    stateDir: base,
  }
  const file = join(base, 'big.snap')
  const deadline = performance.now() + limitMs
  const lab = await startSimLab({ topology, timeFactor: profile.timeFactor, listen: false })
  let figure: Omit<SnapshotFigure, 'readMs' | 'restoreMs'>
  try {
    await lab.kubeadm.bootstrap({ parallel: true })
    const client = lab.cluster.client('bench')
    await client.create(NAMESPACES, { metadata: { name: 'bench' } })
    for (let i = 0; i * 1000 < pods; i++)
      await client.create(DEPLOYMENTS, pauseDeployment(`d${i}`, Math.min(1000, pods - i * 1000)))
    // Bounded: at the deadline the lab is taken as it is (pods still starting are part of a lab too).
    const store = lab.cluster.api.store
    const running = () =>
      store
        .list('pods', 'bench', { copy: false })
        .items.filter((p) => (p.status as { phase?: string } | undefined)?.phase === 'Running')
        .length
    await pollUntil(async () => Promise.resolve(running() === pods), deadline)
    const ran = running()
    const t0 = performance.now()
    const snap = takeSnapshot({ lab, opts, topology })
    writeSnapshotFile(file, snap)
    figure = {
      lab: ran === pods ? `${pods}-pod lab` : `${pods}-pod lab (${ran} running)`,
      objects: snap.header.counts.objects,
      snapshotMs: performance.now() - t0,
      ...sizes(file),
    }
  } finally {
    await lab.stop()
  }
  try {
    const t1 = performance.now()
    const snap = readSnapshotFile(file)
    const readMs = performance.now() - t1
    const restored = await startSimLab({
      topology,
      timeFactor: profile.timeFactor,
      listen: false,
      restore: restoreHooks(snap),
    })
    const master = topology.nodes.find((n) => n.role === 'control-plane')!.name
    const noExec = async () => ({
      code: 1,
      stdout: '',
      stderr: 'no machine commands in the bench\n',
    })
    await resumeMachines(restored, snap, { master, stateDir: base, exec: noExec })
    const restoreMs = performance.now() - t1
    await restored.stop()
    return { ...figure, readMs, restoreMs }
  } finally {
    rmSync(base, { recursive: true, force: true })
  }
}

function sizes(file: string): Pick<SnapshotFigure, 'bytes' | 'rawBytes' | 'brotliBytes'> {
  const raw = gunzipSync(readFileSync(file))
  return {
    bytes: statSync(file).size,
    rawBytes: raw.length,
    brotliBytes: brotliCompressSync(raw).length,
  }
}

/**
 * Prints snapshot and restore times and file sizes for the page's lab (BENCH_SNAPSHOT_PAGE=0
 * skips it) and for a lab of BENCH_SNAPSHOT_PODS pods (default 3,000), each bounded by
 * BENCH_LIMIT_SECONDS (default 300). Returns the figures; a lab that cannot be built is reported.
 */
export async function printSnapshotBench(
  root: string,
  env: NodeJS.ProcessEnv
): Promise<SnapshotFigure[]> {
  const limitMs = Number(env.BENCH_LIMIT_SECONDS ?? 300) * 1000
  const pods = Number(env.BENCH_SNAPSHOT_PODS ?? 3000)
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`
  console.log('lab:snapshot and lab:up --from-snapshot (gzip NDJSON):')
  const figures: SnapshotFigure[] = []
  const runs: [string, () => Promise<SnapshotFigure>][] = [
    ...(env.BENCH_SNAPSHOT_PAGE === '0'
      ? []
      : [
          ["the page's lab", () => pageLabFigure(root, limitMs)] as [
            string,
            () => Promise<SnapshotFigure>,
          ],
        ]),
    [`${pods}-pod lab`, () => bigLabFigure(root, pods, limitMs)],
  ]
  for (const [name, measure] of runs) {
    try {
      const f = await measure()
      figures.push(f)
      console.log(
        `  ${f.lab.padEnd(16)} ${String(f.objects).padStart(6)} objects  file ${kib(f.bytes)} (NDJSON ${kib(f.rawBytes)}, brotli ${kib(f.brotliBytes)})  snapshot ${f.snapshotMs.toFixed(0)} ms  read ${f.readMs.toFixed(0)} ms  restore ${f.restoreMs.toFixed(0)} ms`
      )
    } catch (err) {
      console.log(`  ${name}: not measured: ${(err as Error).message.split('\n')[0]}`)
    }
  }
  return figures
}
