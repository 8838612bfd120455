import { readFileSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../api/types.js'
import { startSimLab } from '../backends/sim/index.js'
import type { KubeClient, ResourceRef } from '../client/index.js'
import { injectorStateOf, kubeInjectYaml, manifestObjects } from '../istio/index.js'
import type { HttpResponse, Origin } from '../network/index.js'
import { defaultLab } from './default-lab.js'

/** Two real pod → Service hops through a sim lab's network: without sidecars and with both. */
export interface LabSidecarPaths {
  /** A plain client pod → the Service of a plain echo pod (kube-proxy, DNS, the apps host). */
  plain: () => Promise<unknown>
  /** An injected client pod → the Service of an injected echo pod (two emulated Envoys). */
  meshed: () => Promise<unknown>
  /** A client outside the cluster (real TCP, keep-alive) → the plain echo's NodePort. */
  nodePlain: () => Promise<unknown>
  /** The same → the injected echo's NodePort: one emulated Envoy (inbound). */
  nodeMeshed: () => Promise<unknown>
  stop: () => Promise<void>
}

const ref = (apiVersion: string, resource: string, namespaced = true): ResourceRef => ({
  apiVersion,
  resource,
  namespaced,
})
const REFS: Record<string, ResourceRef> = {
  CustomResourceDefinition: ref('apiextensions.k8s.io/v1beta1', 'customresourcedefinitions', false),
  Namespace: ref('v1', 'namespaces', false),
  ConfigMap: ref('v1', 'configmaps'),
  Service: ref('v1', 'services'),
  Deployment: ref('apps/v1', 'deployments'),
}

const deployment = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${app}, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${app}, version: v1}}
  template:
    metadata: {labels: {app: ${app}, version: v1}}
    spec:
      containers:
      - {name: ${app}, image: example.com/echo:1.0, ports: [{containerPort: 9080}]}
`
const service = (app: string) => `apiVersion: v1
kind: Service
metadata: {name: ${app}, namespace: default}
spec:
  type: NodePort
  selector: {app: ${app}}
  ports: [{name: http, port: 9080}]
`

async function create(client: KubeClient, objs: KubeObject[]): Promise<void> {
  for (const o of objs) {
    const r = REFS[String(o.kind)]
    if (!r) throw new Error(`failed to create ${String(o.kind)}: no resource for it in the bench`)
    await client.create(r, o)
  }
}

// No istio-policy pod runs here: with 1.0's checks on (fail closed) every request would be a 503.
// Off, as in the in-process hop, so both compare the same proxy work (routing, pool, reports).
const noPolicy = (cm: KubeObject): KubeObject => {
  const data = (cm as { data?: Record<string, string> }).data ?? {}
  const mesh = (data['mesh'] ?? '').replace(
    /^disablePolicyChecks:.*$/m,
    'disablePolicyChecks: true'
  )
  return { ...cm, data: { ...data, mesh } } as KubeObject
}

/** Returns a GET of `url` over a keep-alive agent, resolving with the status once the body is read. */
function httpGetter(url: string, agent: Agent): () => Promise<{ status: number; server?: string }> {
  return () =>
    new Promise((resolve, reject) => {
      const req = request(url, { agent }, (res) => {
        res.on('data', () => undefined)
        res.on('end', () => {
          const server = res.headers.server
          resolve({ status: res.statusCode ?? 0, ...(server ? { server: String(server) } : {}) })
        })
      })
      req.on('error', reject)
      req.end()
    })
}

const objectsOf = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJSON() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null)

/**
 * Starts a sim lab of the default topology with Istio's CRDs and mesh config, an echo app behind
 * a Service twice (once injected, once not) and a client pod of each kind; returns the two paths
 * once both answer 200 (the meshed one through Envoy). Bounded: 120 s to get ready.
 */
export async function startLabSidecarPaths(root: string): Promise<LabSidecarPaths> {
  const read = (p: string) => readFileSync(join(root, p), 'utf8')
  const { profile, topology } = defaultLab(root)
  const lab = await startSimLab({ topology, timeFactor: profile.timeFactor })
  try {
    await lab.kubeadm.bootstrap()
    const client = lab.cluster.client('bench')
    const manifest = manifestObjects(read('fixtures/istio/istio.yaml'))
    const injector = injectorStateOf(manifest)
    await create(client, [
      ...manifest.filter((o) => o.kind === 'CustomResourceDefinition'),
      ...manifest.filter((o) => o.kind === 'Namespace' && o.metadata.name === 'istio-system'),
      ...manifest
        .filter((o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio')
        .map(noPolicy),
    ])
    const meshed = [deployment('web-meshed'), deployment('client-meshed')].join('---\n')
    const injected = kubeInjectYaml(meshed, injector.config, injector.mesh).output
    await create(client, [
      ...objectsOf(injected),
      ...objectsOf([deployment('web-plain'), deployment('client-plain')].join('---\n')),
      ...objectsOf([service('web-meshed'), service('web-plain')].join('---\n')),
    ])
    const net = lab.dataPlane.network
    const origin = async (app: string): Promise<Origin | undefined> => {
      const pods = await client.list(ref('v1', 'pods'), {
        namespace: 'default',
        labelSelector: `app=${app}`,
      })
      const name = pods.items[0]?.metadata.name
      return name ? net.podOrigin('default', name) : undefined
    }
    const deadline = Date.now() + 120_000
    const last: Record<string, string> = {}
    const ok = async (app: string, url: string, envoy: boolean) => {
      const o = await origin(app)
      if (!o) return void (last[app] = 'no pod yet')
      const res = await net.fetch(o, url, { timeoutMs: 5000 }).catch((e: unknown) => e)
      const status = (res as { status?: number }).status
      last[app] = status
        ? `${status} ${(res as HttpResponse).body.toString().slice(0, 80)}`
        : String(res)
      return status === 200 && ((res as HttpResponse).headers.server === 'envoy') === envoy
        ? o
        : undefined
    }
    const worker = topology.nodes.find((n) => n.role === 'worker') ?? topology.nodes[0]!
    const agent = new Agent({ keepAlive: true, maxSockets: 64 })
    const nodeGet = async (svc: string) => {
      const s = await client.get(REFS['Service']!, svc, 'default')
      const port = (s.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort
      return httpGetter(`http://${worker.address}:${String(port)}/`, agent)
    }
    const nodeOk = async (
      get: () => Promise<{ status: number; server?: string }>,
      envoy: boolean
    ) => {
      const r = await get().catch(() => undefined)
      return r?.status === 200 && (r.server === 'envoy') === envoy
    }
    const nodePlain = await nodeGet('web-plain')
    const nodeMeshed = await nodeGet('web-meshed')
    for (;;) {
      const cp = await ok('client-plain', 'http://web-plain:9080/', false)
      const cm = await ok('client-meshed', 'http://web-meshed:9080/', true)
      last['node'] = 'NodePorts not answering yet'
      if (cp && cm && (await nodeOk(nodePlain, false)) && (await nodeOk(nodeMeshed, true))) {
        return {
          plain: () => net.fetch(cp, 'http://web-plain:9080/'),
          meshed: () => net.fetch(cm, 'http://web-meshed:9080/'),
          nodePlain,
          nodeMeshed,
          stop: async () => {
            agent.destroy()
            await lab.stop()
          },
        }
      }
      if (Date.now() > deadline) {
        const why = Object.entries(last).map(([k, v]) => `${k}: ${v}`)
        throw new Error(
          `failed to bench: the lab paths did not answer within 120 s (${why.join('; ')})`
        )
      }
      await new Promise((r) => setTimeout(r, 250))
    }
  } catch (err) {
    await lab.stop()
    throw err
  }
}
