import { MutatingWebhookPlugin } from '../../apiserver/admission/index.js'
import type { Topology } from '../../cluster/index.js'
import {
  ContainerExecRuntime,
  ContainerUsageMeter,
  defaultBehaviourRegistry,
  MemoryLogStore,
} from '../../kubelet/index.js'
import type { KubeClient } from '../../client/index.js'
import { runCurl, type Origin } from '../../network/index.js'
import type { ExecOrigin } from '../../kubelet/index.js'
import { IstioValidationPlugin } from '../../mesh/index.js'
import { randomIds } from '../../apiserver/index.js'
import { labRandom, randomUuid, scaledClock, type Clock } from '../../util/index.js'
import { startSimCluster, type StartedSimCluster } from './sim-cluster.js'
import { SimKubeadm } from './sim-kubeadm.js'
import { SimMachines } from './sim-machines.js'
import { simWebhookBehaviours } from './webhook-behaviours.js'
import { startDataPlane, type StartedDataPlane } from './data-plane.js'
import type { Scenario } from './scenario.js'
import type { SimPki } from './sim-pki.js'

/** Where host-side requests of the exec runtime (the proxy subresources) start. */
const HOST: Origin = { kind: 'host', ip: '127.0.0.1' }

/** What a simulated lab is made of. */
export interface SimLabOptions {
  topology: Topology
  timeFactor: number
  clock?: Clock
  /** `--seed`: names, UIDs, service IPs and ports, tokens and tie-breaks repeat from run to run. */
  seed?: number
  scenario?: Scenario
  port?: number
  /** False: the data plane opens no NodePort sockets on the host. */
  listen?: boolean
  /** Daemon log lines of the lab's components (a NodePort that cannot be bound). */
  log?: (line: string) => void
  onError?: (err: unknown) => void
  /**
   * A lab restored from a snapshot: its credentials, and what fills the API server's store
   * before any component starts; the kubelets then resume the pods they find.
   */
  restore?: { pki: SimPki; load(cluster: StartedSimCluster): void }
  /** The lab's state directory: the real Prometheus keeps its TSDB under it (`prometheus/`). */
  stateDir?: string
}

/** A running simulated lab: the API server, its machines and kubeadm. */
export interface StartedSimLab extends AsyncDisposable {
  cluster: StartedSimCluster
  machines: SimMachines
  kubeadm: SimKubeadm
  /** The network (kube-proxy, DNS, NodePorts) and what plugs into it. */
  dataPlane: StartedDataPlane
  /** The containers' logs (shared by the kubelets). */
  logs: MemoryLogStore
  stop(): Promise<void>
}

/**
 * Starts a simulated lab: the API server (with the mutating-webhook plugin and the webhook
 * behaviours the lab knows), machines that run nothing until kubeadm init/join, and kubeadm.
 */
export async function startSimLab(o: SimLabOptions): Promise<StartedSimLab> {
  const logs = new MemoryLogStore()
  const behaviours = defaultBehaviourRegistry().add(o.scenario?.behaviours ?? [])
  const clock = o.clock ?? scaledClock(o.timeFactor)
  // Every random choice of the lab comes from here, each component from a stream of its own.
  const random = labRandom(o.seed)
  const clientOf: { c?: () => KubeClient } = {}
  const exec = new ContainerExecRuntime(() => clientOf.c!(), logs)
  // What the containers do (requests, eth0 bytes, log bytes), for the kubelets' cAdvisor and stats.
  const usage = new ContainerUsageMeter(
    (ns, pod, c) => logs.size(ns, pod, c),
    () => clock.now().getTime()
  )
  exec.setUsage(usage)
  const cluster = await startSimCluster({
    runtime: exec,
    kubernetesVersion: o.topology.kubernetesVersion,
    clusterName: o.topology.name,
    serviceSubnet: o.topology.serviceSubnet,
    runtimeConfig: o.topology.runtimeConfig,
    extraIps: o.topology.nodes.map((n) => n.address),
    logs,
    // Objects are stamped with the wall clock; components measure emulated waits in simulated time.
    ids: randomIds(random.stream('apiserver'), () => clock.now()),
    random: random.stream('pki'),
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
    ...(o.restore ? { pki: o.restore.pki } : {}),
  })
  o.restore?.load(cluster)
  clientOf.c = () => cluster.client('kubelet')
  const uid = () => randomUuid(random.stream('admission'))
  cluster.api.admission.addValidating(new IstioValidationPlugin())
  cluster.api.admission.addMutating(
    new MutatingWebhookPlugin(
      cluster.api.store,
      simWebhookBehaviours(cluster.client('kube-apiserver')),
      uid
    )
  )
  const machines = new SimMachines({
    topology: o.topology,
    client: (c, as) => cluster.client(c, as),
    clock,
    behaviours,
    logs,
    exec,
    caPem: cluster.pki.ca.certPem,
    random,
    ...(o.scenario ? { missingImages: o.scenario.missingImages } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
    ...(o.restore ? { resume: true } : {}),
  })
  const kubeadm = new SimKubeadm({
    client: cluster.client('kubeadm'),
    topology: o.topology,
    caPem: cluster.pki.ca.certPem,
    server: cluster.api.url,
    machines,
    random: random.stream('kubeadm'),
  })
  const dataPlane = startDataPlane({
    cluster,
    behaviours,
    logs,
    usage,
    appOverrides: o.scenario?.apps ?? [],
    topology: o.topology,
    clock,
    nodeRunning: (n) => machines.running(n),
    random,
    ...(o.stateDir ? { stateDir: o.stateDir } : {}),
    ...(o.listen !== undefined ? { listen: o.listen } : {}),
    ...(o.log ? { log: o.log } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  })
  const net = dataPlane.network
  // The exec runtime names origins by pod and container; the network's own Origin comes from it.
  const origin = (from: ExecOrigin): Origin =>
    (from !== 'host' && net.podOrigin(from.namespace, from.pod, from.container)) || HOST
  exec.setNetwork({
    fetch: (from, url, init) => net.fetch(origin(from), url, init),
    openStream: (t) => net.openStream(t),
    resolve: async (from, name) => net.resolve(origin(from), name) ?? [],
    runCurl: (argv, c) =>
      runCurl(argv, {
        network: net,
        origin: origin(c.origin),
        stdout: (b) => c.stdout.write(b),
        stderr: (b) => c.stderr.write(b),
        tty: c.tty,
        writeFile: c.writeFile,
        readFile: c.readFile,
      }),
  })
  const stop = async () => {
    await dataPlane.stop()
    await machines.stop()
    await cluster.stop()
  }
  return { cluster, machines, kubeadm, dataPlane, logs, stop, [Symbol.asyncDispose]: stop }
}
