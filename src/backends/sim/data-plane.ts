import { join } from 'node:path'
import { startAddons, type StartedAddons } from '../../addons/index.js'
import type { KubeObject } from '../../api/types.js'
import {
  corednsApp,
  CorednsMetrics,
  createApigatewayApp,
  startApps,
  type AppOverride,
  type StartedApps,
} from '../../apps/index.js'
import type { Topology } from '../../cluster/index.js'
import {
  meterAppHost,
  type ContainerUsageMeter,
  type ImageBehaviourRegistry,
  type MemoryLogStore,
} from '../../kubelet/index.js'
import { startNetwork, tlsAppHost, TlsWire, type StartedNetwork } from '../../network/index.js'
import { gatewayApp, ReportBus, startMesh } from '../../mesh/index.js'
import { createLeaf, type Clock, type Random } from '../../util/index.js'
import type { StartedSimCluster } from './sim-cluster.js'

/** What the data plane is started with (each piece takes what it needs from here). */
export interface DataPlaneOptions {
  cluster: StartedSimCluster
  topology: Topology
  clock: Clock
  /** True while a node's kubelet runs (its kube-proxy runs with it). */
  nodeRunning: (node: string) => boolean
  /** False: no NodePort sockets on the host (tests that only route in process). */
  listen?: boolean
  log?: (line: string) => void
  onError?: (err: unknown) => void
  /** The kubelets' image behaviours (apps come from their `app:` sections). */
  behaviours: ImageBehaviourRegistry
  /** Container logs (apps write their request log lines here). */
  logs: MemoryLogStore
  /** Run-time app changes from the scenario. */
  appOverrides?: readonly AppOverride[]
  /** Counts what containers do (requests served, eth0 bytes) for the kubelets' cAdvisor. */
  usage?: ContainerUsageMeter
  /** The lab's state directory (the real Prometheus's TSDB goes under it). */
  stateDir?: string
  /** The lab's random source (seeded with `--seed`): kube-proxy's endpoint choice, the mesh's and apps' draws. */
  random?: Random
}

/** The lab's running data plane: the network and what plugs into it (apps, mesh, add-ons). */
export interface StartedDataPlane {
  network: StartedNetwork
  /** The apps host (`registerHandler` for the mesh's and add-ons' built-in apps). */
  apps: StartedApps
  /** The mesh's report bus and the add-ons reading it (telemetry, spans, Prometheus). */
  reports: ReportBus
  addons: StartedAddons
  stop(): Promise<void>
}

/**
 * Starts the data plane inside the sim lab: the network (kube-proxy, cluster DNS, NodePorts),
 * then the apps host, the mesh's sidecar hooks and the add-ons, each an API client of its own.
 * Each piece adds itself here in one small block; `stop` undoes them in reverse order.
 */
export function startDataPlane(o: DataPlaneOptions): StartedDataPlane {
  const stops: (() => Promise<void> | void)[] = []
  const network = startNetwork({
    client: o.cluster.client('kube-proxy'),
    clock: o.clock,
    nodes: o.topology.nodes.map((n) => ({ name: n.name, address: n.address })),
    nodeRunning: o.nodeRunning,
    ...(o.random ? { random: o.random.stream('kube-proxy').float } : {}),
    ...(o.listen !== undefined ? { listen: o.listen } : {}),
    ...(o.log ? { log: o.log } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  })
  stops.push(() => network.stop())

  const apps = startApps({
    behaviours: o.behaviours,
    network: () => network,
    kube: o.cluster.client('apps'),
    // A container's in-cluster client authenticates with its pod's ServiceAccount token.
    kubeFor: (pod) => o.cluster.client('apps', podServiceAccountUser(pod)),
    clock: o.clock,
    logs: o.logs,
    ...(o.appOverrides ? { overrides: o.appOverrides } : {}),
    ...(o.random ? { random: o.random.stream('apps').float } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  })
  // TLS listeners on the apps' `https` ports; msb-iag/eag reach enable_ssl nodes through them.
  const tls = new TlsWire()
  network.setAppHost(
    tlsAppHost(o.usage ? meterAppHost(apps, o.usage) : apps, {
      wire: tls,
      credentials: (to) =>
        createLeaf(o.cluster.pki.ca, { commonName: to.name, usage: 'server', ips: [to.ip] }),
    })
  )
  apps.registerHandler('msb-apigateway', createApigatewayApp({ tls }))
  // CoreDNS's /metrics: the cluster DNS's queries, counted on the pod kube-proxy sent each to.
  const dns = new CorednsMetrics()
  stops.push(network.watchDns((q) => dns.observe(q)))
  apps.registerHandler('coredns', corednsApp(dns))
  stops.push(() => apps.stop())
  // The sidecars' RequestReports (one per request per proxy): the mesh emits, the add-ons subscribe.
  const reports = new ReportBus()
  const mesh = startMesh({
    client: o.cluster.client('pilot'),
    clock: o.clock,
    bus: reports,
    logs: o.logs,
    ca: o.cluster.pki.ca,
    ...(o.random ? { random: o.random.stream('mesh').float } : {}),
    // Each proxy counts the requests it handles on its own container.
    ...(o.usage ? { meter: o.usage.handled.bind(o.usage) } : {}),
  })
  network.setSidecarHooks(mesh.hooks)
  apps.registerHandler('istio-gateway', gatewayApp(mesh.hooks))
  stops.push(() => mesh.stop())
  const addons = startAddons({
    bus: reports,
    network,
    registerHandler: (name, factory) => apps.registerHandler(name, factory),
    kube: o.cluster.client('addons'),
    // Without host sockets (in-process tests) no real Prometheus either.
    ...(o.listen === false
      ? { prometheus: { enabled: false } }
      : {
          prometheus: {
            apiServer: o.cluster.api.url,
            ...(o.stateDir ? { dir: join(o.stateDir, 'prometheus') } : {}),
          },
        }),
    ...(o.log ? { log: o.log } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  })
  stops.push(() => addons.stop())

  return {
    network,
    apps,
    reports,
    addons,
    stop: async () => {
      for (const s of stops.reverse()) await s()
    },
  }
}

/** Returns the user a pod's containers call the API as: its ServiceAccount (`default` if none). */
function podServiceAccountUser(pod: KubeObject): string {
  const spec = (pod.spec ?? {}) as { serviceAccountName?: string; serviceAccount?: string }
  const sa = spec.serviceAccountName || spec.serviceAccount || 'default'
  return `system:serviceaccount:${pod.metadata.namespace ?? 'default'}:${sa}`
}
