// npm run lab:up — stands up the lab (default: the sim backend), replays the page's install
// sequence step by step, and leaves the lab running; --from-snapshot <file> restores a snapshot.
import { resolveLabOptions, restoreLab, upLab, urlLines } from '../src/lab/index.js'
import { parseFlags, root } from './lab-flags.js'

try {
  const opts = resolveLabOptions(root, parseFlags(process.argv.slice(2)), process.env)
  const tty = !!process.stdout.isTTY && !process.env.CI
  const line = (t: string) => console.log(t)
  const done = (url: string, urls: Parameters<typeof urlLines>[0]) => {
    console.log(`\nThe lab is up. API server ${url}`)
    console.log(
      `Kubeconfig:  ${opts.stateDir}/kubeconfig    (npx mesh-lab kubectl …, npx mesh-lab helm …)`
    )
    console.log(`Transcript:  ${opts.stateDir}/transcript    Stop with: npm run lab:down`)
    for (const l of urlLines(urls)) console.log(l)
  }
  if (opts.fromSnapshot) {
    const r = await restoreLab(root, opts, { line })
    console.log(
      `Restored ${r.objects} objects at resourceVersion ${r.rv} (snapshot of ${r.createdAt}).`
    )
    if (r.repoUrl) console.log(`Chart repository: ${r.repoUrl}`)
    done(r.url, r.urls)
  } else {
    const r = await upLab(root, opts, { line, write: (t) => process.stdout.write(t), tty })
    if (!r.alreadyUp && !opts.dryRun) {
      if (r.output) console.log(`\n${r.output}`)
      done(r.url, r.urls ?? [])
    }
  }
} catch (err) {
  console.error(`\nERROR: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
