// npx mesh-lab istioctl kube-inject -f <file> [--injectConfigFile f] [--meshConfigFile f]
// istioctl 1.0.0's kube-inject: injects every pod template of the file (ignores the policy and
// the annotation, skips hostNetwork), with the lab's Istio manifest as the default configuration.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { injectorStateOf, kubeInjectYaml, manifestObjects } from '../src/istio/index.js'
import { root } from './lab-flags.js'

try {
  const [cmd, ...args] = process.argv.slice(2)
  const flag = (name: string) => {
    const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`))
    return i < 0 ? undefined : args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1]
  }
  const file = flag('-f') ?? flag('--filename')
  if (cmd !== 'kube-inject' || !file) throw new Error('usage: istioctl kube-inject -f <file|->')
  const state = injectorStateOf(
    manifestObjects(readFileSync(join(root, 'fixtures', 'istio', 'istio.yaml'), 'utf8'))
  )
  const input = readFileSync(file === '-' ? 0 : file, 'utf8')
  const { output, warnings } = kubeInjectYaml(input, state.config, state.mesh)
  for (const w of warnings) process.stderr.write(`${w}\n`)
  process.stdout.write(output)
} catch (err) {
  console.error(`Error: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
