// npm run lab:events [-- --since-rv <rv>] [--all] [--grep <text>] — the lab's event journal as a
// timeline: every API write with who made it, and the kubelets' container transitions.
import { resolve } from 'node:path'
import minimist from 'minimist'
import { JOURNAL_FILE, journalTimeline, resolveLabOptions, StateDir } from '../src/lab/index.js'
import { root } from './lab-flags.js'

try {
  const a = minimist(process.argv.slice(2), {
    string: ['state-dir', 'since-rv', 'grep'],
    boolean: ['all'],
    unknown: (f) => {
      if (f.startsWith('-')) throw new Error(`unknown flag ${f}`)
      return true
    },
  })
  const stateDir = typeof a['state-dir'] === 'string' ? resolve(a['state-dir']) : undefined
  const opts = resolveLabOptions(root, stateDir ? { stateDir } : {}, process.env)
  const state = new StateDir(opts.stateDir)
  const text = state.read(JOURNAL_FILE)
  if (text === undefined)
    throw new Error(`no event journal in ${opts.stateDir}: is a lab up there?`)
  const sinceRv = a['since-rv'] === undefined ? undefined : Number(a['since-rv'])
  if (sinceRv !== undefined && !Number.isInteger(sinceRv))
    throw new Error(`invalid --since-rv "${String(a['since-rv'])}": want a resourceVersion`)
  const lines = journalTimeline(text, state.path(JOURNAL_FILE), {
    ...(sinceRv !== undefined ? { sinceRv } : {}),
    ...(a.all ? { all: true } : {}),
    ...(typeof a.grep === 'string' ? { grep: a.grep } : {}),
  })
  console.log(`time          rv        by                       what`)
  for (const l of lines) console.log(l)
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
