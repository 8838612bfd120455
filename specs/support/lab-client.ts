// The spec suite's view of the cluster: one list call per resource kind, made on first use and
// shared by every spec of the run. The only importer of @kubernetes/client-node in specs/.
import { existsSync } from 'node:fs'
import * as k8s from '@kubernetes/client-node'
import type { ConfigMap, Deployment, Namespace, Node, Pod, Service } from './kube-types.js'

/** What the checks read from the cluster. */
export interface LabClient {
  nodes(): Promise<Node[]>
  namespaces(): Promise<Namespace[]>
  /** Pods of one namespace. */
  pods(namespace: string): Promise<Pod[]>
  services(namespace: string): Promise<Service[]>
  deployments(namespace: string): Promise<Deployment[]>
  /** A ConfigMap, or undefined when there is none. */
  configMap(namespace: string, name: string): Promise<ConfigMap | undefined>
  /** Forgets what was read, so the next calls list again (after a test changed the lab). */
  refresh(): void
}

/** Returns a LabClient over a kubeconfig file; nothing is requested until a method is called. */
export function createLabClient(kubeconfigPath: string): LabClient {
  let api: { core: k8s.CoreV1Api; apps: k8s.AppsV1Api; server: string } | undefined
  const connect = () => {
    if (api) return api
    if (!existsSync(kubeconfigPath)) {
      throw new Error(
        `no kubeconfig at ${kubeconfigPath}: start a lab with \`npm run lab:up\` or set LAB_KUBECONFIG`
      )
    }
    const kc = new k8s.KubeConfig()
    kc.loadFromFile(kubeconfigPath)
    const server = kc.getCurrentCluster()?.server ?? '(no server)'
    api = { core: kc.makeApiClient(k8s.CoreV1Api), apps: kc.makeApiClient(k8s.AppsV1Api), server }
    return api
  }
  const cache = new Map<string, Promise<unknown>>()
  const once = <T>(
    what: string,
    load: (c: ReturnType<typeof connect>) => Promise<T>
  ): Promise<T> => {
    let hit = cache.get(what) as Promise<T> | undefined
    if (!hit) {
      hit = (async () => {
        const c = connect()
        try {
          return await load(c)
        } catch (err) {
          throw new Error(`failed to ${what} from ${c.server}: ${describe(err)}`, { cause: err })
        }
      })()
      cache.set(what, hit)
    }
    return hit
  }
  const inNamespace = <T extends { metadata?: { namespace?: string } }>(items: T[], ns: string) =>
    items.filter((o) => o.metadata?.namespace === ns)
  const allPods = () =>
    once('list pods', async (c) => (await c.core.listPodForAllNamespaces()).items)
  const allServices = () =>
    once('list services', async (c) => (await c.core.listServiceForAllNamespaces()).items)
  const allDeployments = () =>
    once('list deployments', async (c) => (await c.apps.listDeploymentForAllNamespaces()).items)
  return {
    nodes: () => once('list nodes', async (c) => (await c.core.listNode()).items),
    namespaces: () => once('list namespaces', async (c) => (await c.core.listNamespace()).items),
    pods: async (ns) => inNamespace(await allPods(), ns),
    services: async (ns) => inNamespace(await allServices(), ns),
    deployments: async (ns) => inNamespace(await allDeployments(), ns),
    configMap: (namespace, name) =>
      once(`read configmap ${namespace}/${name}`, async (c) => {
        try {
          return await c.core.readNamespacedConfigMap({ namespace, name })
        } catch (err) {
          if ((err as { code?: number }).code === 404) return undefined
          throw err
        }
      }),
    refresh: () => cache.clear(),
  }
}

const shared = new Map<string, LabClient>()

/** Returns the LabClient of a kubeconfig shared by every spec of this process. */
export function sharedLabClient(kubeconfigPath: string): LabClient {
  let client = shared.get(kubeconfigPath)
  if (!client) {
    client = createLabClient(kubeconfigPath)
    shared.set(kubeconfigPath, client)
  }
  return client
}

// client-node's ApiException carries the HTTP code and body; network errors carry a code.
function describe(err: unknown): string {
  const e = err as {
    code?: number | string
    body?: unknown
    message?: string
    cause?: { code?: string }
  }
  if (typeof e.code === 'number') {
    const body = typeof e.body === 'string' ? e.body : JSON.stringify(e.body)
    const message = /"message":"([^"]*)"/.exec(body ?? '')?.[1]
    return `HTTP ${e.code}${message ? `: ${message}` : ''}`
  }
  return e.cause?.code ?? (typeof e.code === 'string' ? e.code : (e.message ?? String(err)))
}
