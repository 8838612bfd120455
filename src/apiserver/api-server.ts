import type { KubeVersion } from '../api/resources/index.js'
import { ResourceCatalog, runtimeConfigEnabled } from '../api/resources/index.js'
import type { KubeObject } from '../api/types.js'
import { AdmissionChain, namespaceLifecycle } from './admission/index.js'
import { ApiAuthz, storeBootstrapPolicy } from './authz/index.js'
import { ApiHandler, ResourceHandler, type LogSource } from './handler/index.js'
import { startHttpsServer, type StartedHttpsServer } from './http/index.js'
import { GenericRegistry, ServiceAllocator, systemIds, type Ids } from './registry/index.js'
import { MemoryStore } from './storage/index.js'
import { createUpgradeHandler, type StreamingRuntime } from './streaming/index.js'

/** Options of the simulated kube-apiserver. */
export interface ApiServerOptions {
  kubeVersion: KubeVersion
  /** Serving certificate and key, and the CA that signed them (and the admin client certificate). */
  tls: { certPem: string; keyPem: string; caPem: string }
  token: string
  host: string
  /** 0 picks a free port. */
  port: number
  serviceSubnet: string
  nodePortRange: [number, number]
  ids?: Ids
  logs?: LogSource
  /** The kubelets' runtime for exec, attach, port-forward and the proxies. */
  runtime?: StreamingRuntime
  watchWindow?: number
  bookmarkEverySeconds?: number
  /** kube-apiserver `--runtime-config` (a kind config's `runtimeConfig`): alpha APIs to serve. */
  runtimeConfig?: Readonly<Record<string, string>>
  onError?: (err: unknown) => void
}

/** A running API server: its address and the in-process parts other components plug into. */
export interface StartedApiServer extends AsyncDisposable {
  url: string
  port: number
  handler: ApiHandler
  catalog: ResourceCatalog
  admission: AdmissionChain
  store: MemoryStore
  stop(): Promise<void>
}

/** An API server that has not started yet. */
export interface ApiServer {
  start(): Promise<StartedApiServer>
}

/** Creates a simulated kube-apiserver: one store, the profile's resources, admission, HTTPS. */
export function createApiServer(o: ApiServerOptions): ApiServer {
  return {
    async start() {
      const ids = o.ids ?? systemIds()
      const store = new MemoryStore({ windowSize: o.watchWindow ?? 20000 })
      const catalog = new ResourceCatalog(
        o.kubeVersion,
        runtimeConfigEnabled(o.runtimeConfig ?? {})
      )
      const admission = new AdmissionChain()
      admission.addMutating(
        namespaceLifecycle(
          (name) => store.peek({ storage: 'namespaces', namespace: '', name }) as KubeObject
        )
      )
      const registry = new GenericRegistry({
        store,
        catalog,
        admission,
        ids,
        serviceSubnet: o.serviceSubnet,
        nodePortRange: o.nodePortRange,
      })
      const logs = o.logs ?? { read: () => '' }
      const resources = new ResourceHandler({
        catalog,
        registry,
        now: ids.now,
        logs,
        ...(o.runtime ? { runtime: o.runtime } : {}),
        bookmarkEverySeconds: o.bookmarkEverySeconds ?? 60,
      })
      const listening = { port: o.port }
      const authz = new ApiAuthz({ store, adminToken: o.token })
      const handler = new ApiHandler({
        catalog,
        resources,
        serverAddress: () => `${o.host}:${listening.port}`,
        reviews: (req, p, decode) => authz.review(req, p, decode),
        authorizeCaller: (c, req) => authz.admitCaller(c, req.method, req.path, req.query),
      })
      bootstrap(
        store,
        ids,
        new ServiceAllocator(o.serviceSubnet, o.nodePortRange, ids).apiServiceIp()
      )
      const http: StartedHttpsServer = await startHttpsServer({
        handler,
        certPem: o.tls.certPem,
        keyPem: o.tls.keyPem,
        caPem: o.tls.caPem,
        token: o.token,
        host: o.host,
        port: o.port,
        authz,
        upgrade: createUpgradeHandler({
          getPod: async (namespace, name) => {
            const pods = catalog.lookup('', 'v1', 'pods')
            if (!pods) throw new Error('failed to find the pods resource')
            return registry.get(pods, namespace, name)
          },
          ...(o.runtime ? { runtime: o.runtime } : {}),
        }),
        ...(o.onError ? { onError: o.onError } : {}),
      })
      listening.port = http.port
      const started = http
      const stop = () => started.close()
      return {
        url: started.url,
        port: started.port,
        handler,
        catalog,
        admission,
        store,
        stop,
        [Symbol.asyncDispose]: stop,
      }
    },
  }
}

/** Writes what kube-apiserver creates at start: the system namespaces and the `kubernetes` Service. */
function bootstrap(store: MemoryStore, ids: Ids, serviceIp: string): void {
  const now = ids
    .now()
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
  const meta = (name: string, namespace?: string) => ({
    name,
    ...(namespace ? { namespace } : {}),
    uid: ids.uid(),
    creationTimestamp: now,
  })
  for (const name of ['default', 'kube-system', 'kube-public']) {
    store.create('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: meta(name),
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    })
  }
  const svc: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      ...meta('kubernetes', 'default'),
      labels: { component: 'apiserver', provider: 'kubernetes' },
    },
    spec: {
      ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 6443 }],
      clusterIP: serviceIp,
      type: 'ClusterIP',
      sessionAffinity: 'None',
    },
    status: { loadBalancer: {} },
  }
  store.create('services', svc)
  storeBootstrapPolicy(store, () => ({ uid: ids.uid(), creationTimestamp: now }))
}
