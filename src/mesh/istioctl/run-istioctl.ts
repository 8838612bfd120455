import type { KubeClient } from '../../client/index.js'
import { nameOf } from '../model/mesh-objects.js'
import { buildProxyConfig, createPushContext } from '../pilot/index.js'
import { loadMeshObjects } from './load-mesh.js'
import { printProxyConfig, sectionOf } from './proxy-config-print.js'
import { printProxyStatus } from './proxy-status.js'
import { printCerts } from './print-certs.js'
import { printTlsCheck, tlsCheckRows } from './tls-check.js'

/** Where istioctl writes. */
export interface IstioctlIo {
  client: KubeClient
  stdout(s: string): void
}

function flag(args: string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    for (const n of names) {
      if (a === n) return args[i + 1]
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1)
    }
  }
  return undefined
}

function positional(args: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.startsWith('-')) {
      if (!args[i]!.includes('=')) i++
      continue
    }
    out.push(args[i]!)
  }
  return out
}

/**
 * Runs `proxy-config <section> <pod>[.<ns>] [-n ns] [-o json]`, `authn tls-check [<host>]` or
 * `proxy-status`; reads the objects through the API and computes with the Pilot function.
 * Throws with istioctl's messages on bad usage.
 */
export async function runIstioctl(cmd: string, args: string[], io: IstioctlIo): Promise<void> {
  const mesh = await loadMeshObjects(io.client)
  if (cmd === 'proxy-status' || cmd === 'ps') {
    io.stdout(printProxyStatus(mesh))
    return
  }
  if (cmd === 'authn') {
    const [sub, host] = positional(args)
    if (sub !== 'tls-check') throw new Error('usage: istioctl authn tls-check [<service>]')
    io.stdout(printTlsCheck(tlsCheckRows(mesh, host)))
    if (host && args.includes('--certs')) io.stdout(await printCerts(io.client, mesh, host))
    return
  }
  if (cmd === 'proxy-config' || cmd === 'pc') {
    const [word, podArg] = positional(args)
    const section = sectionOf(word ?? '')
    if (!section || !podArg)
      throw new Error(
        'usage: istioctl proxy-config cluster|listener|route|endpoint <pod-name[.namespace]> [-n ns] [-o json]'
      )
    const [pod, dotted] = podArg.split('.')
    const ns = dotted ?? flag(args, '-n', '--namespace') ?? 'default'
    const obj = mesh.pods.find((p) => nameOf(p) === pod && p.metadata.namespace === ns)
    if (!obj) throw new Error(`pods "${pod}" not found`)
    const json = flag(args, '-o', '--output') === 'json'
    io.stdout(printProxyConfig(buildProxyConfig(createPushContext(mesh), obj), section, json))
    return
  }
  throw new Error(`unknown command "${cmd}" for "istioctl"`)
}
