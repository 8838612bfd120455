import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { stopDaemon } from '../backends/sim/daemon/daemon-control.js'
import { upLab } from './lab-up.js'
import { resolveLabOptions, type LabOptions } from './lab-options.js'
import { snapshotLab } from '../backends/sim/snapshot/index.js'
import { StateDir } from '../backends/state-dir.js'

/** One mocha run of `npm test`. */
export interface Suite {
  name: string
  files: string[]
  /** Runs against LAB_KUBECONFIG, else against an ephemeral lab started for it. */
  needsLab?: boolean
}

/** Counts of one or more runs. */
export interface Counts {
  passed: number
  failed: number
  skipped: number
}

/** Where `runSuites` keeps its labs, and how it builds them. */
export interface RunSuitesOptions {
  /**
   * The folder of the ephemeral labs (in `lab/`) and of the snapshots of failed runs
   * (`failed-<suite>.snap`); default `<root>/.lab-test`.
   */
  testDir?: string
  /** Options of the ephemeral lab besides its state dir (tests stop it early with `until`). */
  lab?: Partial<LabOptions>
}

/**
 * Runs mocha over each suite in turn and returns the summed counts; removes any lab it started.
 * When a suite that ran against an ephemeral lab fails, that lab is saved first as
 * `<testDir>/failed-<suite>.snap` and the command that restores it is printed.
 */
export async function runSuites(
  root: string,
  suites: Suite[],
  env: NodeJS.ProcessEnv,
  o: RunSuitesOptions = {}
): Promise<Counts> {
  const total: Counts = { passed: 0, failed: 0, skipped: 0 }
  const tmp = mkdtempSync(join(tmpdir(), 'mesh-lab-test-'))
  const testDir = o.testDir ?? join(root, '.lab-test')
  try {
    for (const s of suites) {
      const suiteEnv: NodeJS.ProcessEnv = { ...env, MESH_LAB_COUNTS: join(tmp, `${s.name}.json`) }
      let stop: (() => Promise<unknown>) | undefined
      let saveFailed: (() => Promise<void>) | undefined
      if (s.needsLab && !env.LAB_KUBECONFIG) {
        // Its own state dir, a free chart-repository port and (through the address claims) node
        // addresses no running lab of the user's holds: npm test never collides with `lab:up`.
        const opts = resolveLabOptions(
          root,
          { ...o.lab, stateDir: join(testDir, 'lab'), repoPort: 0 },
          {}
        )
        const state = new StateDir(opts.stateDir)
        const snap = join(testDir, `failed-${s.name}.snap`)
        rmSync(snap, { force: true })
        saveFailed = () => saveFailedLab(state, snap, s.name, suiteEnv.MESH_LAB_COUNTS!)
        await stopDaemon(state)
        stop = () => stopDaemon(state)
        const onSignal = () => void stopDaemon(state).finally(() => process.exit(130))
        process.once('SIGINT', onSignal)
        process.once('SIGTERM', onSignal)
        let repoUrl: string | undefined
        try {
          console.log(`\n== lab for the spec suite (sim, ${opts.stateDir}) ==`)
          ;({ repoUrl } = await upLab(root, opts, {
            line: (t) => console.log(t),
            write: (t) => process.stdout.write(t),
            tty: false,
          }))
        } catch (err) {
          await stop()
          // A suite that cannot start is one failure added to the counts already obtained.
          console.log(`${s.name}: could not start its lab: ${(err as Error).message}`)
          console.log(`${s.name}: 0 passed, 1 failed`)
          total.failed += 1
          continue
        }
        suiteEnv.LAB_KUBECONFIG = state.kubeconfig
        if (repoUrl) suiteEnv.LAB_CHART_REPO = repoUrl
      }
      try {
        console.log(`\n== ${s.name} ==`)
        await mocha(root, s.files, suiteEnv)
        await saveFailed?.()
      } finally {
        await stop?.()
      }
      const c = readCounts(suiteEnv.MESH_LAB_COUNTS!)
      console.log(
        `${s.name}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ''}`
      )
      total.passed += c.passed
      total.failed += c.failed
      total.skipped += c.skipped
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  return total
}

/** Saves the lab of a suite that failed as a snapshot and prints how to restore it; never throws. */
async function saveFailedLab(
  state: StateDir,
  file: string,
  suite: string,
  counts: string
): Promise<void> {
  if (readCounts(counts).failed === 0) return
  try {
    const s = await snapshotLab(state.dir, file)
    const shown = relative(process.cwd(), file).startsWith('..')
      ? file
      : relative(process.cwd(), file)
    console.log(
      `\n${suite}: the lab of the failed run is saved in ${shown} (${s.objects} objects).`
    )
    console.log(`${suite}: reproduce it with: npm run lab:up -- --from-snapshot ${shown}`)
  } catch (err) {
    // The failures are already counted: a snapshot that cannot be taken is reported, not added.
    console.log(`${suite}: could not save its lab: ${(err as Error).message}`)
  }
}

function mocha(root: string, files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const bin = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js')
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [bin, '--reporter', join(root, 'test', 'support', 'count-reporter.cjs'), ...files],
      {
        cwd: root,
        env,
        stdio: 'inherit',
      }
    )
    child.once('error', reject)
    child.once('exit', (code) => resolve(code ?? 1))
  })
}

function readCounts(path: string): Counts {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Counts
  } catch {
    // mocha died before its end event (a crash or a load error): count the suite as one failure
    return { passed: 0, failed: 1, skipped: 0 }
  }
}
