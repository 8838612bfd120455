// The lab daemon's entry: started detached by `lab:up` (startDaemon) with its start file's path.
// The RSA keys of the lab's CA and API server generate while the rest of the daemon loads:
// early-keys needs only node:crypto, the daemon's other modules are imported after it started.
import { earlyKeyPairs } from './early-keys.js'

// The CA's, the API server's serving certificate's and the admin's client certificate's (sim-pki).
const EARLY_KEYS = 3

try {
  const keyPairs = earlyKeyPairs(EARLY_KEYS)
  // Stacks (daemon.log) name the .ts sources; the bundle's maps are read when one is printed.
  const { mapStackTraces } = await import('../../../build/index.js')
  mapStackTraces()
  const file = process.argv[2]
  if (!file) throw new Error('usage: daemon-main.ts <daemon-start.json>')
  const { readDaemonStart } = await import('./daemon-start.js')
  const { runDaemon } = await import('./run-daemon.js')
  await runDaemon(readDaemonStart(file), { keyPairs })
} catch (err) {
  console.error(`lab daemon failed: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
