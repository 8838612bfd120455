// npm run lab:status — prints nodes and pods of the running lab; exits 0 only when a lab is up.
import { $ } from 'zx'
import { daemonState, resolveLabOptions, StateDir } from '../src/lab/index.js'
import { parseFlags, root } from './lab-flags.js'

try {
  const opts = resolveLabOptions(root, parseFlags(process.argv.slice(2)), process.env)
  const state = new StateDir(opts.stateDir)
  const s = daemonState(state)
  if (s.state !== 'up') {
    console.log(
      s.state === 'dead'
        ? `The lab's daemon (pid ${s.pid}) died; run npm run lab:up to clean up and start again.`
        : s.state === 'incomplete'
          ? `The lab is incomplete: ${s.why} (daemon pid ${s.pid}); run npm run lab:up to rebuild it, or npm run lab:down.`
          : 'No lab is up.'
    )
    process.exitCode = 1
  } else {
    console.log(`Lab up: daemon pid ${s.pid}, API server ${s.url}, kubeconfig ${state.kubeconfig}`)
    const kubectl = `${root}/.clients/bin/kubectl`
    $.verbose = false
    const env = { ...process.env, KUBECONFIG: state.kubeconfig }
    console.log(
      (await $({ env })`${kubectl} get nodes -o wide`.nothrow()).stdout.trim() || 'No nodes.'
    )
    console.log((await $({ env })`${kubectl} get pods -A`.nothrow()).stdout.trim() || 'No pods.')
  }
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
