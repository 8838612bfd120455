// npm run lab:up — stands up the lab (default: the sim backend), replays the page's install
// sequence step by step, and leaves the lab running.
import { resolveLabOptions, upLab, urlLines } from '../src/lab/index.js'
import { parseFlags, root } from './lab-flags.js'

try {
  const opts = resolveLabOptions(root, parseFlags(process.argv.slice(2)), process.env)
  const tty = !!process.stdout.isTTY && !process.env.CI
  const r = await upLab(root, opts, {
    line: (t) => console.log(t),
    write: (t) => process.stdout.write(t),
    tty,
  })
  if (!r.alreadyUp && !opts.dryRun) {
    if (r.output) console.log(`\n${r.output}`)
    console.log(`\nThe lab is up. API server ${r.url}`)
    console.log(`Kubeconfig:  ${r.kubeconfig}    (npx mesh-lab kubectl …, npx mesh-lab helm …)`)
    console.log(`Transcript:  ${opts.stateDir}/transcript    Stop with: npm run lab:down`)
    for (const line of urlLines(r.urls ?? [])) console.log(line)
  }
} catch (err) {
  console.error(`\nERROR: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
