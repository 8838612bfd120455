import { startControllers, type StartedControllers } from '../../controllers/index.js'
import type { KubeClient } from '../../client/index.js'
import type { Topology } from '../../cluster/index.js'
import {
  heartbeatPeriodMs,
  minRealHeartbeatMs,
  startKubelet,
  startNodeLifecycle,
  type ContainerExecRuntime,
  type ImageBehaviourRegistry,
  type MemoryLogStore,
  type StartedKubelet,
  type StartedNodeLifecycle,
} from '../../kubelet/index.js'
import { startScheduler, type StartedScheduler } from '../../scheduler/index.js'
import type { Clock, Random } from '../../util/index.js'
import type { Machines } from './sim-kubeadm.js'

/** What the machines need to run their components. */
export interface SimMachinesOptions {
  topology: Topology
  /** Returns a client whose user agent (field manager) names the component; `as`: its user. */
  client: (component: string, as?: string) => KubeClient
  clock: Clock
  behaviours: ImageBehaviourRegistry
  logs: MemoryLogStore
  caPem: string
  missingImages?: string[]
  /** The lab's exec runtime, shared by the kubelets. */
  exec?: ContainerExecRuntime
  /** The lab's random source (seeded with `--seed`): name suffixes, tokens, scheduler tie-breaks. */
  random?: Random
  onError?: (err: unknown) => void
  /** Kubelets take their nodes and pods as they are (a lab restored from a snapshot). */
  resume?: boolean
}

/**
 * The lab's machines: the master runs kube-controller-manager's controllers, the scheduler, the
 * node lifecycle controller and its kubelet once kubeadm init ran; a worker runs its kubelet once
 * it joined. Every component is an API client only.
 */
export class SimMachines implements Machines {
  private o: SimMachinesOptions
  private kubelets = new Map<string, StartedKubelet>()
  private controllers: StartedControllers | undefined
  private scheduler: StartedScheduler | undefined
  private lifecycle: StartedNodeLifecycle | undefined

  constructor(o: SimMachinesOptions) {
    this.o = o
  }

  /** Returns true when the node's kubelet runs. */
  running(nodeName: string): boolean {
    return this.kubelets.has(nodeName)
  }

  /** Starts the control plane and the master's kubelet. */
  async initMaster(): Promise<void> {
    const master = this.o.topology.nodes.find((n) => n.role === 'control-plane')!
    const onError = this.o.onError ?? (() => {})
    this.controllers = startControllers(this.o.client('kube-controller-manager'), this.o.clock, {
      rootCaPem: this.o.caPem,
      ...(this.o.random ? { random: this.o.random.stream('controllers') } : {}),
    })
    this.scheduler = await startScheduler(this.o.client('default-scheduler'), this.o.clock, {
      onError,
      ...(this.o.random ? { random: this.o.random.stream('scheduler').float } : {}),
    })
    // At a small time factor the 40 s grace period is a fraction of a real second; a busy machine's
    // event-loop pause must not pass for a lost node, so the grace is at least four of the
    // kubelets' shortest real heartbeat periods (10 real seconds up to 1,000 nodes).
    const nodeMonitorGracePeriodMs = Math.max(
      40_000,
      (4 * minRealHeartbeatMs(this.o.topology.nodes.length)) / this.o.clock.timeFactor
    )
    this.lifecycle = await startNodeLifecycle(this.o.client('node-controller'), this.o.clock, {
      onError,
      nodeMonitorGracePeriodMs,
    })
    await this.startKubelet(master.name)
    await this.controllers.ready
  }

  /** Starts a worker's kubelet. */
  async startWorker(nodeName: string): Promise<void> {
    await this.startKubelet(nodeName)
  }

  /** Stops a node's kubelet (a powered-off machine): its node stops heartbeating. */
  stopNode(nodeName: string): boolean {
    const k = this.kubelets.get(nodeName)
    if (!k) return false
    k.stop()
    this.kubelets.delete(nodeName)
    return true
  }

  /** Stops every component. */
  async stop(): Promise<void> {
    for (const k of this.kubelets.values()) k.stop()
    this.kubelets.clear()
    this.scheduler?.stop()
    this.lifecycle?.stop()
    await this.controllers?.stop()
  }

  private async startKubelet(nodeName: string): Promise<void> {
    const node = this.o.topology.nodes.find((n) => n.name === nodeName)
    if (!node) throw new Error(`no machine named ${nodeName} in the lab`)
    // Each kubelet calls the API as its node (`system:node:<name>`, the Node authorizer's user).
    const client = this.o.client('kubelet', `system:node:${nodeName}`)
    const k = await startKubelet(client, this.o.clock, {
      node,
      nodeStatusUpdateFrequencyMs: heartbeatPeriodMs(
        this.o.clock,
        undefined,
        this.o.topology.nodes.length
      ),
      behaviours: this.o.behaviours,
      logs: this.o.logs,
      ...(this.o.exec ? { exec: this.o.exec } : {}),
      ...(this.o.missingImages ? { scenario: { missingImages: this.o.missingImages } } : {}),
      ...(this.o.onError ? { onError: this.o.onError } : {}),
      ...(this.o.resume ? { resume: true } : {}),
    })
    this.kubelets.set(nodeName, k)
  }
}
