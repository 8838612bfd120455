// npx mesh-lab curl <pod|deploy/name> [-n ns] [-c container] -- <curl args> — curl run inside a
// pod of the lab (its cluster DNS, its sidecar), exiting with curl's exit code.
import { execOnMachine, resolveLabOptions, StateDir } from '../src/lab/index.js'
import { root } from './lab-flags.js'

try {
  const argv = process.argv.slice(2)
  const opts = resolveLabOptions(root, {}, process.env)
  const tty = process.stdout.isTTY ? ['--tty'] : []
  const r = await execOnMachine(new StateDir(opts.stateDir).path('machines.sock'), '', [
    'curl',
    ...tty,
    ...argv,
  ])
  process.stdout.write(r.stdout)
  process.stderr.write(r.stderr)
  process.exitCode = r.code
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
