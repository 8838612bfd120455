import type { Duplex } from 'node:stream'
import type { KubeObject } from '../api/types.js'
import {
  newRecorder,
  nodesRef,
  podsRef,
  startInformer,
  type KubeClient,
  type ResourceRef,
  type RunningInformer as Informer,
} from '../client/index.js'
import type { Clock } from '../util/index.js'
import { DEFAULT_CLUSTER_DOMAIN, watchDnsQueries, type DnsQueryWatcher } from './cluster-dns.js'
import { DEFAULT_LIMITS, type BridgeLimits } from './http-bridge.js'
import { KubeProxy } from './kube-proxy.js'
import { NodePortServers, type ListeningNode } from './node-port-servers.js'
import { StreamOpener, type StreamTarget } from './open-stream.js'
import { PodDirectory } from './pod-directory.js'
import { ServiceTable } from './service-table.js'
import { SimPodNetwork } from './sim-pod-network.js'
import type {
  AppHost,
  FetchInit,
  HttpResponse,
  Origin,
  PodEndpointInfo,
  PodNetwork,
  SidecarHooks,
} from './types.js'

/** The core/v1 services resource. */
export const servicesRef: ResourceRef = { apiVersion: 'v1', resource: 'services', namespaced: true }
/** The core/v1 endpoints resource. */
export const endpointsRef: ResourceRef = {
  apiVersion: 'v1',
  resource: 'endpoints',
  namespaced: true,
}

/** What the network is started with. */
export interface NetworkOptions {
  /** The network's API client (`cluster.client('kube-proxy')`). */
  client: KubeClient
  clock: Clock
  /** The lab's machines: name and loopback address (where NodePorts listen). */
  nodes: ListeningNode[]
  /** Returns true while a node's kubelet (and so its kube-proxy) runs; default: always. */
  nodeRunning?: (name: string) => boolean
  clusterDomain?: string
  /** False: no host sockets (unit tests that only route in process). */
  listen?: boolean
  limits?: BridgeLimits
  log?: (line: string) => void
  onError?: (err: unknown) => void
  random?: () => number
}

/** The running network: the pod network, NodePorts, streams to pods, and the hook setters. */
export interface StartedNetwork extends PodNetwork {
  /** Resolves once pods, Services, Endpoints and Nodes have been listed. */
  readonly synced: Promise<void>
  /** Installs the mesh's sidecar hooks (pass-through until then). */
  setSidecarHooks(h: SidecarHooks): void
  /** Installs the apps host (every port refuses until then). */
  setAppHost(h: AppHost): void
  /** Resolves a name from an origin (cluster DNS for pods); undefined when it does not resolve. */
  resolve(origin: Origin, host: string): string[] | undefined
  /** Opens a byte stream to a pod's port (port-forward); throws NetError when refused. */
  openStream(target: StreamTarget): Duplex
  /** Returns the origin of a request sent from a pod's container; undefined without a pod IP. */
  podOrigin(namespace: string, pod: string, container?: string): Origin | undefined
  /** Returns the pods of a namespace whose labels include `selector`, sorted by name. */
  podsMatching(namespace: string, selector: Record<string, string>): PodEndpointInfo[]
  /** Returns `address:port` of every NodePort listener open now. */
  nodePorts(): string[]
  /** Re-checks which nodes listen (after a node's kubelet started or stopped). */
  refresh(): void
  /** Calls `fn` with each query the cluster DNS answers (see watchDnsQueries); returns its stop. */
  watchDns(fn: DnsQueryWatcher): () => void
  stop(): Promise<void>
}

/**
 * Starts the lab's network as an API client: informers on pods, Services, Endpoints and Nodes
 * feed the pod directory and kube-proxy's Service table; NodePorts open and close on the running
 * nodes' addresses as those change; requests between pods are routed in process.
 */
export function startNetwork(o: NetworkOptions): StartedNetwork {
  const onError = o.onError ?? (() => {})
  const pods = new PodDirectory()
  const services = new ServiceTable()
  const proxy = new KubeProxy({ ...(o.random ? { random: o.random } : {}) })
  const known = new Set<string>()
  const running = (name: string) => known.has(name) && (o.nodeRunning?.(name) ?? true)
  const listening = () => o.nodes.filter((n) => running(n.name))
  const network = new SimPodNetwork({
    pods,
    services,
    proxy,
    clusterDomain: o.clusterDomain ?? DEFAULT_CLUSTER_DOMAIN,
    nodeAt: (address) => o.nodes.find((n) => n.address === address && running(n.name))?.name,
  })
  const recorder = newRecorder(o.client, o.clock, { component: 'kube-proxy' }, onError)
  const servers =
    o.listen === false
      ? undefined
      : new NodePortServers({
          services,
          network,
          proxy,
          nodes: listening,
          limits: o.limits ?? DEFAULT_LIMITS,
          ...(o.log ? { log: o.log } : {}),
          onBindError: (svc, port, node, err) => {
            const what = `"nodePort for ${svc.namespace}/${svc.name}:${port}"`
            const code = (err as NodeJS.ErrnoException).code
            const reason = code === 'EADDRINUSE' ? 'bind: address already in use' : err.message
            const nodePort = svc.ports.find((p) => p.name === port)?.nodePort ?? 0
            const msg = `can't open ${what} (${node.address}:${String(nodePort)}/tcp), skipping this nodePort: listen tcp ${node.address}:${String(nodePort)}: ${reason}`
            o.log?.(`lab:kube-proxy ${node.name} ${msg}`)
            void recorder.event(svc.obj, 'Warning', 'NodePortNotOpened', `${node.name}: ${msg}`)
          },
        })
  services.onChange(() => servers?.schedule())
  const streams = new StreamOpener(pods, network)
  const informers: Informer[] = [
    startInformer(
      o.client,
      o.clock,
      podsRef,
      { onError },
      {
        onAdd: (p) => pods.set(p),
        onUpdate: (_old, p) => pods.set(p),
        onDelete: (p) => pods.remove(p),
      }
    ),
    startInformer(
      o.client,
      o.clock,
      servicesRef,
      { onError },
      {
        onAdd: (s) => services.setService(s),
        onUpdate: (_old, s) => services.setService(s),
        onDelete: (s) => services.removeService(s),
      }
    ),
    startInformer(
      o.client,
      o.clock,
      endpointsRef,
      { onError },
      {
        onAdd: (e) => services.setEndpoints(e),
        onUpdate: (_old, e) => services.setEndpoints(e),
        onDelete: (e) => services.removeEndpoints(e),
      }
    ),
    startInformer(
      o.client,
      o.clock,
      nodesRef,
      { onError },
      {
        onAdd: (n: KubeObject) => (known.add(n.metadata.name ?? ''), servers?.schedule()),
        onDelete: (n: KubeObject) => (known.delete(n.metadata.name ?? ''), servers?.schedule()),
      }
    ),
  ]
  const synced = Promise.all(informers.map((i) => i.synced)).then(() => undefined)
  return {
    synced,
    fetch: (origin: Origin, url: string, init?: FetchInit): Promise<HttpResponse> =>
      network.fetch(origin, url, init),
    setSidecarHooks: (h) => network.setSidecarHooks(h),
    setAppHost: (h) => network.setAppHost(h),
    resolve: (origin, host) => network.resolve(origin, host),
    watchDns: (fn) => watchDnsQueries(services, fn, o.random),
    openStream: (t) => streams.open(t),
    podOrigin: (namespace, pod, container) => {
      const e = pods.byName(namespace, pod)
      if (!e) return undefined
      const first = [...e.declared.keys()].find((c) => c !== 'istio-proxy') ?? ''
      return { kind: 'pod', pod: e.info, container: container ?? first }
    },
    podsMatching: (namespace, selector) =>
      [...pods.all()]
        .map((e) => e.info)
        .filter(
          (p) =>
            p.namespace === namespace &&
            Object.entries(selector).every(([k, v]) => p.labels[k] === v)
        )
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    nodePorts: () => servers?.open() ?? [],
    refresh: () => servers?.schedule(),
    stop: async () => {
      for (const i of informers) i.stop()
      streams.stop()
      await servers?.stop()
      await recorder.flush()
    },
  }
}
