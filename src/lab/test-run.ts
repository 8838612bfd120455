import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stopDaemon } from './daemon-control.js'
import { upLab } from './lab-up.js'
import { resolveLabOptions } from './lab-options.js'
import { StateDir } from './state-dir.js'

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

/** Runs mocha over each suite in turn and returns the summed counts; removes any lab it started. */
export async function runSuites(
  root: string,
  suites: Suite[],
  env: NodeJS.ProcessEnv
): Promise<Counts> {
  const total: Counts = { passed: 0, failed: 0, skipped: 0 }
  const tmp = mkdtempSync(join(tmpdir(), 'mesh-lab-test-'))
  try {
    for (const s of suites) {
      const suiteEnv: NodeJS.ProcessEnv = { ...env, MESH_LAB_COUNTS: join(tmp, `${s.name}.json`) }
      let stop: (() => Promise<unknown>) | undefined
      if (s.needsLab && !env.LAB_KUBECONFIG) {
        // Its own state dir, a free chart-repository port and (through the address claims) node
        // addresses no running lab of the user's holds: npm test never collides with `lab:up`.
        const opts = resolveLabOptions(root, { stateDir: join(root, '.lab-test'), repoPort: 0 }, {})
        const state = new StateDir(opts.stateDir)
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
