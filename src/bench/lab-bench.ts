import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  firstStepStart,
  PROFILE_ENV,
  readProfile,
  stepProfiles,
  type StepProfile,
} from '../install/index.js'

/** What the lab benchmark measured. */
export interface LabBenchResult {
  steps: { name: string; seconds: number }[]
  upSeconds: number
  specsSeconds: number
  downSeconds: number
  daemonRssMb: number
  /** Each step's commands and the time it spent outside them (from LAB_COMMAND_PROFILE). */
  profile: StepProfile[]
  /**
   * lab:up's time before its first step (on its own clock, from its process start): mostly the
   * daemon's start. Steps run alongside one another, so the total less their sum is not it.
   */
  startSeconds: number
}

/** Returns the command `npm run lab:up` runs (package.json's script), for a shell in `root`. */
export function labUpCommand(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>
  }
  const script = pkg.scripts?.['lab:up']
  if (!script) throw new Error(`failed to find the lab:up script in ${join(root, 'package.json')}`)
  return script
}

/**
 * Measures `npm run lab:up` cold (a fresh state dir), as a user runs it (the script's own
 * command, without npm's start), reading the per-step durations from its output; then the spec
 * suite against it (`specs: false` skips it; a failing suite is reported, not thrown) and
 * `npm run lab:down`.
 */
export async function labBench(root: string, o: { specs?: boolean } = {}): Promise<LabBenchResult> {
  const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-bench-up-'))
  const profileFile = join(stateDir, 'bench-profile.ndjson')
  const env = { ...process.env, LAB_STATE_DIR: stateDir, CI: 'true', [PROFILE_ENV]: profileFile }
  const tsx = join(root, 'node_modules', '.bin', 'tsx')
  try {
    const t0 = performance.now()
    const out = execFileSync('/bin/sh', ['-c', labUpCommand(root)], {
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
    const entries = readProfile(profileFile)
    const profile = stepProfiles(entries)
    const firstStep = firstStepStart(entries)
    const pid = Number(readFileSync(join(stateDir, 'pid'), 'utf8'))
    const t1 = performance.now()
    let specsSeconds = Number.NaN
    try {
      if (o.specs !== false) {
        execFileSync(
          process.execPath,
          [
            join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
            'specs/**/*.spec.ts',
            '--reporter',
            'dot',
          ],
          {
            cwd: root,
            env: { ...env, LAB_KUBECONFIG: join(stateDir, 'kubeconfig') },
            stdio: 'ignore',
          }
        )
        specsSeconds = (performance.now() - t1) / 1000
      }
    } catch {
      // A failing spec is the spec suite's report, not this benchmark's: the run says so.
    }
    const daemonRssMb =
      Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
    const t2 = performance.now()
    execFileSync(tsx, [join(root, 'scripts', 'lab-down.ts')], { cwd: root, env, stdio: 'ignore' })
    return {
      steps,
      profile,
      startSeconds: firstStep === undefined ? upSeconds : firstStep / 1000,
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

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * Returns the per-step profile of lab:up runs as table lines: for each step the median seconds
 * (and min–max), the part spent in its commands and the rest (polling sleeps, in-process work),
 * and the slowest command of the step in the median run; then the daemon start and the whole.
 */
export function labProfileLines(runs: readonly LabBenchResult[]): string[] {
  const names = runs[0]?.profile.map((p) => p.step) ?? []
  const s = (ms: number) => (ms / 1000).toFixed(2).padStart(6)
  const lines = [
    `  ${'step'.padEnd(22)} ${'median'.padStart(6)} ${'min–max'.padStart(13)} ${'cmds'.padStart(6)} ${'other'.padStart(6)}  slowest command`,
  ]
  const row = (name: string, msOf: (r: LabBenchResult) => number | undefined) => {
    const xs = runs.map(msOf).filter((x): x is number => x !== undefined)
    return { xs, med: median(xs), name }
  }
  for (const name of names) {
    const { xs, med } = row(name, (r) => r.profile.find((p) => p.step === name)?.ms)
    const mid = runs.find((r) => r.profile.find((p) => p.step === name)?.ms === med) ?? runs[0]!
    const p = mid.profile.find((x) => x.step === name)!
    const cmds = p.commands.reduce((sum, c) => sum + c.ms, 0)
    const slowest = [...p.commands].sort((a, b) => b.ms - a.ms)[0]
    const range = `${s(Math.min(...xs)).trim()}–${s(Math.max(...xs)).trim()}`
    const what = slowest ? `${(slowest.ms / 1000).toFixed(2)}s ${slowest.name.slice(0, 60)}` : ''
    lines.push(
      `  ${name.padEnd(22)} ${s(med)} ${range.padStart(13)} ${s(cmds)} ${s(p.otherMs)}  ${what}`
    )
  }
  const start = row('start', (r) => r.startSeconds * 1000)
  const up = row('up', (r) => r.upSeconds * 1000)
  lines.push(`  ${'daemon start'.padEnd(22)} ${s(start.med)}`)
  lines.push(
    `  ${'whole lab:up'.padEnd(22)} ${s(up.med)} ${`${s(Math.min(...up.xs)).trim()}–${s(Math.max(...up.xs)).trim()}`.padStart(13)}`
  )
  return lines
}

/**
 * Runs the lab benchmark `runs` times (BENCH_LAB_RUNS, default 3; BENCH_LAB_SPECS=0 skips the
 * spec suite) and prints each run's steps, then the per-step profile of all runs
 * (labProfileLines) and the machine's load.
 */
export async function printLabBench(
  root: string,
  env: NodeJS.ProcessEnv
): Promise<LabBenchResult[]> {
  const n = Math.max(1, Number(env['BENCH_LAB_RUNS'] ?? 3))
  const results: LabBenchResult[] = []
  for (let i = 0; i < n; i++) {
    const r = await labBench(root, { specs: env['BENCH_LAB_SPECS'] !== '0' })
    results.push(r)
    const specs = Number.isNaN(r.specsSeconds)
      ? env['BENCH_LAB_SPECS'] === '0'
        ? 'specs skipped'
        : 'specs FAILED'
      : `specs ${r.specsSeconds.toFixed(1)} s`
    console.log(
      `  run ${i + 1}/${n}: lab:up ${r.upSeconds.toFixed(1)} s, ${specs}, ` +
        `lab:down ${r.downSeconds.toFixed(1)} s, daemon peak RSS ${r.daemonRssMb.toFixed(0)} MiB ` +
        `(load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`
    )
  }
  for (const line of labProfileLines(results)) console.log(line)
  return results
}
