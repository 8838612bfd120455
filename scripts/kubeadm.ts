// npx mesh-lab kubeadm init|join|token list [--node-name <node>] — kubeadm run on a lab machine.
import { execOnMachine, loadLab, resolveLabOptions, StateDir } from '../src/lab/index.js'
import { readFileSync } from 'node:fs'
import { root } from './lab-flags.js'

try {
  const argv = process.argv.slice(2)
  const opts = resolveLabOptions(root, {}, process.env)
  const lab = loadLab(opts, (p) => readFileSync(p, 'utf8'))
  const i = argv.findIndex((a) => a === '--node-name' || a.startsWith('--node-name='))
  let node = lab.topology.nodes.find((n) => n.role === 'control-plane')!.name
  if (i >= 0) {
    node = argv[i]!.includes('=') ? argv[i]!.split('=')[1]! : argv[i + 1]!
    if (argv[0] !== 'join') argv.splice(i, argv[i]!.includes('=') ? 1 : 2)
  } else if (argv[0] === 'join') {
    throw new Error(
      'kubeadm join runs on a worker: say which with --node-name <node> (e.g. ' +
        lab.topology.nodes
          .filter((n) => n.role === 'worker')
          .map((n) => n.name)
          .join(', ') +
        ')'
    )
  }
  const r = await execOnMachine(new StateDir(opts.stateDir).path('machines.sock'), node, argv)
  process.stdout.write(r.stdout)
  process.stderr.write(r.stderr)
  process.exitCode = r.code
} catch (err) {
  console.error(`ERROR: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
