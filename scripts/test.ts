// npm test — unit tests, client compatibility tests, then the spec suite against LAB_KUBECONFIG or
// an ephemeral sim lab that it starts and always removes. Ends with "N passed, N failed".
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { $ } from 'zx'
import { root } from './lab-flags.js'
import { runSuites, type Suite } from '../src/lab/test-run.js'

$.verbose = true
const suites: Suite[] = [
  { name: 'unit', files: ['src/**/*.test.ts', 'specs/**/*.test.ts'] },
  { name: 'compat', files: ['test/**/*.test.ts'] },
]
if (
  existsSync(join(root, 'specs')) &&
  readFileSync(join(root, 'package.json'), 'utf8').includes('"specs"')
) {
  suites.push({ name: 'specs', files: ['specs/**/*.spec.ts'], needsLab: true })
}
const only = process.argv.slice(2)
try {
  const total = await runSuites(
    root,
    only.length ? suites.filter((s) => only.includes(s.name)) : suites,
    process.env
  )
  console.log(`${total.passed} passed, ${total.failed} failed`)
  if (total.failed > 0 || total.passed === 0) process.exitCode = 1
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? err.message : String(err)}`)
  console.log('0 passed, 1 failed')
  process.exitCode = 1
} finally {
  // The ephemeral lab goes; snapshots of failed runs (.lab-test/failed-*.snap) stay for the developer and CI.
  rmSync(join(root, '.lab-test', 'lab'), { recursive: true, force: true })
  const left = existsSync(join(root, '.lab-test')) ? readdirSync(join(root, '.lab-test')) : []
  if (left.length === 0) rmSync(join(root, '.lab-test'), { recursive: true, force: true })
}
