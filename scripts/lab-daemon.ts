// The lab daemon's entry: started detached by lab:up with the resolved options as JSON.
import { runDaemon, type LabOptions } from '../src/lab/index.js'

try {
  await runDaemon(JSON.parse(process.argv[2] ?? '{}') as LabOptions)
} catch (err) {
  console.error(`lab daemon failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
