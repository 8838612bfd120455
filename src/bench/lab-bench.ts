import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** What the lab benchmark measured. */
export interface LabBenchResult {
  steps: { name: string; seconds: number }[]
  upSeconds: number
  specsSeconds: number
  downSeconds: number
  daemonRssMb: number
}

/**
 * Measures `npm run lab:up` cold (a fresh state dir), as a user runs it, reading the per-step
 * durations from its output; then the spec suite against it and `npm run lab:down`.
 */
export async function labBench(root: string): Promise<LabBenchResult> {
  const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-bench-up-'))
  const env = { ...process.env, LAB_STATE_DIR: stateDir, CI: 'true' }
  const tsx = join(root, 'node_modules', '.bin', 'tsx')
  try {
    const t0 = performance.now()
    const out = execFileSync(tsx, [join(root, 'scripts', 'lab-up.ts')], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const upSeconds = (performance.now() - t0) / 1000
    const steps = [...out.matchAll(/^\s*✓\s+(.+?)\s+\(?([\d.]+)(ms|s)\)?\s*$/gm)].map((m) => ({
      name: m[1]!.trim(),
      seconds: Number(m[2]) / (m[3] === 'ms' ? 1000 : 1),
    }))
    const pid = Number(readFileSync(join(stateDir, 'pid'), 'utf8'))
    const t1 = performance.now()
    execFileSync(
      process.execPath,
      [
        join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
        'specs/**/*.spec.ts',
        '--reporter',
        'dot',
      ],
      { cwd: root, env: { ...env, LAB_KUBECONFIG: join(stateDir, 'kubeconfig') }, stdio: 'ignore' }
    )
    const specsSeconds = (performance.now() - t1) / 1000
    const daemonRssMb =
      Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
    const t2 = performance.now()
    execFileSync(tsx, [join(root, 'scripts', 'lab-down.ts')], { cwd: root, env, stdio: 'ignore' })
    return {
      steps,
      upSeconds,
      specsSeconds,
      downSeconds: (performance.now() - t2) / 1000,
      daemonRssMb,
    }
  } finally {
    try {
      execFileSync(tsx, [join(root, 'scripts', 'lab-down.ts')], { cwd: root, env, stdio: 'ignore' })
    } catch {
      // already down: nothing to clean but the directory
    }
    rmSync(stateDir, { recursive: true, force: true })
  }
}
