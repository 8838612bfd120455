// npm run lab:snapshot [-- --out <file>] — writes the running lab's whole state to one file
// (docs/snapshots.md) and prints the command that restores it.
import { relative, resolve } from 'node:path'
import minimist from 'minimist'
import { defaultSnapshotName, resolveLabOptions, snapshotLab } from '../src/lab/index.js'
import { root } from './lab-flags.js'

try {
  const a = minimist(process.argv.slice(2), {
    string: ['out', 'state-dir'],
    unknown: (f) => {
      if (f.startsWith('-')) throw new Error(`unknown flag ${f}`)
      return true
    },
  })
  const stateDir = typeof a['state-dir'] === 'string' ? resolve(a['state-dir']) : undefined
  const opts = resolveLabOptions(root, stateDir ? { stateDir } : {}, process.env)
  const out = resolve(typeof a.out === 'string' ? a.out : defaultSnapshotName())
  const s = await snapshotLab(opts.stateDir, out)
  const kib = (s.bytes / 1024).toFixed(0)
  console.log(
    `Snapshot of ${s.objects} objects at resourceVersion ${s.rv}: ${s.file} (${kib} KiB, ${s.ms} ms)`
  )
  const shown = relative(process.cwd(), out).startsWith('..') ? out : relative(process.cwd(), out)
  console.log(`Restore it with: npm run lab:up -- --from-snapshot ${shown}`)
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
