import type { StartedSimLab } from '../sim-lab.js'
import type { KubeObject } from '../../../api/types.js'
import { runCurl, SIDECAR_CONTAINER, type PodEndpointInfo } from '../../../network/index.js'
import type { MachineResult } from './machine-socket.js'

const deploymentsRef = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }

interface CurlCommand {
  namespace: string
  container: string | undefined
  target: string
  tty: boolean
  args: string[]
}

/** Returns the parsed `curl <pod|deploy/name> [-n ns] [-c container] [--tty] -- <curl args>`. */
export function parseCurlCommand(argv: string[]): CurlCommand | string {
  let namespace = 'default'
  let container: string | undefined
  let target: string | undefined
  let tty = false
  let i = 0
  for (; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      i++
      break
    }
    if (a === '-n' || a === '--namespace' || a === '-c' || a === '--container') {
      const v = argv[++i]
      if (v === undefined) return `error: flag needs an argument: ${a}`
      if (a === '-n' || a === '--namespace') namespace = v
      else container = v
    } else if (a.startsWith('--namespace=')) namespace = a.slice(12)
    else if (a.startsWith('--container=')) container = a.slice(12)
    else if (a === '--tty') tty = true
    else if (target === undefined) target = a
    else break
  }
  if (!target)
    return 'error: curl needs a pod: mesh-lab curl <pod|deploy/name> [-n ns] [-c container] -- <curl args>'
  return { namespace, container, target, tty, args: argv.slice(i) }
}

/**
 * Runs curl inside a pod of the lab (its DNS, its sidecar): the pod is named, or the first
 * running pod of `deploy/<name>`; the container defaults to the pod's first app container.
 * Errors read as kubectl's for the same target.
 */
export async function curlInPod(lab: StartedSimLab, argv: string[]): Promise<MachineResult> {
  const fail = (stderr: string): MachineResult => ({ code: 1, stdout: '', stderr: `${stderr}\n` })
  const cmd = parseCurlCommand(argv)
  if (typeof cmd === 'string') return fail(cmd)
  const network = lab.dataPlane.network
  const [kind, name] = cmd.target.includes('/') ? cmd.target.split('/', 2) : ['pod', cmd.target]
  let pod: PodEndpointInfo | undefined
  if (kind === 'pod' || kind === 'pods' || kind === 'po') {
    pod = network.podsMatching(cmd.namespace, {}).find((p) => p.name === name)
    if (!pod) return fail(`Error from server (NotFound): pods "${name!}" not found`)
  } else if (/^(deploy|deployment|deployments)(\.apps)?$/.test(kind!)) {
    let d: KubeObject
    try {
      d = await lab.cluster.client('mesh-lab-curl').get(deploymentsRef, name!, cmd.namespace)
    } catch {
      return fail(`Error from server (NotFound): deployments.apps "${name!}" not found`)
    }
    const selector =
      (d.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector
        ?.matchLabels ?? {}
    const pods = network.podsMatching(cmd.namespace, selector)
    pod = pods.find((p) => running(p)) ?? pods[0]
    if (!pod) return fail(`error: no pods found for deployment ${name!}`)
  } else return fail(`error: curl runs in a pod or a deployment, not ${kind!}`)
  const containers = containerNames(pod)
  const container = cmd.container ?? containers.find((c) => c !== SIDECAR_CONTAINER) ?? ''
  if (!containers.includes(container))
    return fail(`error: container ${container} is not valid for pod ${pod.name}`)
  if (!running(pod, container))
    return fail(`error: unable to upgrade connection: container not found ("${container}")`)
  let stdout = ''
  let stderr = ''
  const code = await runCurl(cmd.args, {
    network,
    origin: { kind: 'pod', pod, container },
    stdout: (c) => (stdout += c.toString()),
    stderr: (c) => (stderr += c),
    tty: cmd.tty,
  })
  return { code, stdout, stderr }
}

function containerNames(p: PodEndpointInfo): string[] {
  const spec = p.pod.spec as { containers?: { name?: string }[] } | undefined
  return (spec?.containers ?? []).map((c) => c.name ?? '')
}

function running(p: PodEndpointInfo, container?: string): boolean {
  const status = p.pod.status as
    | { phase?: string; containerStatuses?: { name?: string; state?: { running?: unknown } }[] }
    | undefined
  if (status?.phase !== 'Running') return false
  const all = status.containerStatuses ?? []
  return container === undefined
    ? all.every((s) => s.state?.running)
    : all.some((s) => s.name === container && s.state?.running)
}
