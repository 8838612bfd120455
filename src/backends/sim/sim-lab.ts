import { MutatingWebhookPlugin } from '../../apiserver/admission/index.js'
import type { Topology } from '../../cluster/index.js'
import { defaultBehaviourRegistry, MemoryLogStore } from '../../kubelet/index.js'
import { systemIds } from '../../apiserver/index.js'
import { scaledClock, type Clock } from '../../util/index.js'
import { startSimCluster, type StartedSimCluster } from './sim-cluster.js'
import { SimKubeadm } from './sim-kubeadm.js'
import { SimMachines } from './sim-machines.js'
import { simWebhookBehaviours } from './webhook-behaviours.js'
import type { Scenario } from './scenario.js'

/** What a simulated lab is made of. */
export interface SimLabOptions {
  topology: Topology
  timeFactor: number
  clock?: Clock
  scenario?: Scenario
  port?: number
  onError?: (err: unknown) => void
}

/** A running simulated lab: the API server, its machines and kubeadm. */
export interface StartedSimLab extends AsyncDisposable {
  cluster: StartedSimCluster
  machines: SimMachines
  kubeadm: SimKubeadm
  stop(): Promise<void>
}

/**
 * Starts a simulated lab: the API server (with the mutating-webhook plugin and the webhook
 * behaviours the lab knows), machines that run nothing until kubeadm init/join, and kubeadm.
 */
export async function startSimLab(o: SimLabOptions): Promise<StartedSimLab> {
  const logs = new MemoryLogStore()
  const clock = o.clock ?? scaledClock(o.timeFactor)
  const cluster = await startSimCluster({
    kubernetesVersion: o.topology.kubernetesVersion,
    clusterName: o.topology.name,
    serviceSubnet: o.topology.serviceSubnet,
    extraIps: o.topology.nodes.map((n) => n.address),
    logs,
    // The API server stamps objects in the same simulated time the components measure delays in.
    ids: { ...systemIds(), now: () => clock.now() },
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  })
  const uid = () => crypto.randomUUID()
  cluster.api.admission.addMutating(
    new MutatingWebhookPlugin(
      cluster.api.store,
      simWebhookBehaviours(cluster.client('kube-apiserver')),
      uid
    )
  )
  const machines = new SimMachines({
    topology: o.topology,
    client: (c) => cluster.client(c),
    clock,
    behaviours: defaultBehaviourRegistry().add(o.scenario?.behaviours ?? []),
    logs,
    caPem: cluster.pki.ca.certPem,
    ...(o.scenario ? { missingImages: o.scenario.missingImages } : {}),
    ...(o.onError ? { onError: o.onError } : {}),
  })
  const kubeadm = new SimKubeadm({
    client: cluster.client('kubeadm'),
    topology: o.topology,
    caPem: cluster.pki.ca.certPem,
    server: cluster.api.url,
    machines,
  })
  const stop = async () => {
    await machines.stop()
    await cluster.stop()
  }
  return { cluster, machines, kubeadm, stop, [Symbol.asyncDispose]: stop }
}
