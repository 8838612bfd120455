// npx mesh-lab istioctl kube-inject -f <file> [--injectConfigFile f] [--meshConfigFile f]
// istioctl 1.0.0's kube-inject: injects every pod template of the file (ignores the policy and
// the annotation, skips hostNetwork), with the lab's Istio manifest as the default configuration.
// npx mesh-lab istioctl proxy-config cluster|listener|route|endpoint <pod> [-n ns] [-o json],
// authn tls-check [<service>], proxy-status: computed by the lab's Pilot function from the
// objects read through the kubeconfig (-c/--kubeconfig, else $KUBECONFIG), so any backend works.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { injectorStateOf, kubeInjectYaml, manifestObjects } from '../src/istio/index.js'
import { istioctl } from '../src/mesh/index.js'
import { root } from './lab-flags.js'

try {
  const [cmd, ...args] = process.argv.slice(2)
  const flag = (name: string) => {
    const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`))
    return i < 0 ? undefined : args[i]!.includes('=') ? args[i]!.split('=')[1] : args[i + 1]
  }
  if (cmd !== 'kube-inject') {
    const kubeconfig = flag('-c') ?? flag('--kubeconfig') ?? process.env.KUBECONFIG
    if (!kubeconfig) throw new Error('no kubeconfig: set KUBECONFIG or pass -c <file>')
    const client = istioctl.clientFromKubeconfig(kubeconfig)
    await istioctl.runIstioctl(cmd ?? '', args, { client, stdout: (s) => process.stdout.write(s) })
  } else {
    const file = flag('-f') ?? flag('--filename')
    if (!file) throw new Error('usage: istioctl kube-inject -f <file|->')
    const state = injectorStateOf(
      manifestObjects(readFileSync(join(root, 'fixtures', 'istio', 'istio.yaml'), 'utf8'))
    )
    const input = readFileSync(file === '-' ? 0 : file, 'utf8')
    const { output, warnings } = kubeInjectYaml(input, state.config, state.mesh)
    for (const w of warnings) process.stderr.write(`${w}\n`)
    process.stdout.write(output)
  }
} catch (err) {
  console.error(`Error: ${err instanceof Error ? err.message : String(err)}`)
  process.exitCode = 1
}
