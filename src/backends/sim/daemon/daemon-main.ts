// The lab daemon's entry: started detached by `lab:up` (startDaemon) with its start file's path.
import { readDaemonStart } from './daemon-start.js'
import { runDaemon } from './run-daemon.js'

try {
  const file = process.argv[2]
  if (!file) throw new Error('usage: daemon-main.ts <daemon-start.json>')
  await runDaemon(readDaemonStart(file))
} catch (err) {
  console.error(`lab daemon failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
