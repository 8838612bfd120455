// npm run lab:down — stops the lab daemon and removes .lab/.
import { resolveLabOptions, StateDir, stopDaemon } from '../src/lab/index.js'
import { parseFlags, root } from './lab-flags.js'

try {
  const opts = resolveLabOptions(root, parseFlags(process.argv.slice(2)), process.env)
  const r = await stopDaemon(new StateDir(opts.stateDir))
  console.log(r === 'stopped' ? 'Lab stopped and removed.' : 'No lab was running; state removed.')
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
