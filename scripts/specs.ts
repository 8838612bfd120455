// npm run specs [-- mocha options, e.g. --reporter xunit --reporter-option output=junit.xml]
// Runs the spec suite alone against LAB_KUBECONFIG, else the running lab's .lab/kubeconfig.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { root } from './lab-flags.js'

const kubeconfig =
  process.env.LAB_KUBECONFIG || join(process.env.LAB_STATE_DIR || join(root, '.lab'), 'kubeconfig')
if (!existsSync(kubeconfig)) {
  console.error(
    `ERROR: no kubeconfig at ${kubeconfig}: start a lab (npm run lab:up) or set LAB_KUBECONFIG`
  )
  process.exitCode = 1
} else {
  const args = [
    join(root, 'node_modules', 'mocha', 'bin', 'mocha.js'),
    'specs/**/*.spec.ts',
    ...process.argv.slice(2),
  ]
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, LAB_KUBECONFIG: kubeconfig },
  })
  process.exitCode = r.status ?? 1
}
