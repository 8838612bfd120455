// npm run lab:up — stands up the lab (default: the sim backend) and leaves it running.
import { resolveLabOptions, upLab } from '../src/lab/index.js'
import { parseFlags, root } from './lab-flags.js'

try {
  const opts = resolveLabOptions(root, parseFlags(process.argv.slice(2)), process.env)
  const r = await upLab(root, opts, { line: (t) => console.log(t) })
  if (!r.alreadyUp) {
    console.log(`API server:  ${r.url}`)
    console.log(`Kubeconfig:  ${r.kubeconfig}`)
    console.log('Nothing is installed yet: the install sequence of the page is not part of the lab yet.')
    console.log(`Try: npx mesh-lab kubectl get namespaces     (or: KUBECONFIG=${r.kubeconfig} kubectl …)`)
  }
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
