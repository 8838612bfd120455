import { seededIds } from '../../apiserver/index.js'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import { startTestCluster } from '../apiserver/index.js'
import type { KubeClient } from '../../client/index.js'
import type { TopologyNode } from '../../cluster/index.js'
import { fakeClock, type FakeClock } from '../../util/index.js'

/** An in-process sim cluster driven by a fake clock, for the scheduler's and kubelet's tests. */
export interface SimHarness {
  clock: FakeClock
  cluster: StartedSimCluster
  client: KubeClient
  /** Moves simulated time forward in steps, letting in-process requests and watches settle. */
  run(ms: number, stepMs?: number): Promise<void>
  /** Moves time forward until `check` holds; throws with `what` after `maxMs` simulated ms. */
  until(
    what: string,
    check: () => Promise<boolean> | boolean,
    maxMs?: number,
    stepMs?: number
  ): Promise<void>
  stop(): Promise<void>
}

/** Resolves after pending promise jobs and I/O callbacks ran. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** Starts a sim cluster (Kubernetes 1.11.1) whose clocks are one fake clock. */
export async function startSimHarness(): Promise<SimHarness> {
  const clock = fakeClock()
  const cluster = await startTestCluster({
    ids: seededIds(7, () => clock.now()),
  })
  const run = async (ms: number, stepMs = 100) => {
    for (let t = 0; t < ms; t += stepMs) {
      await settle()
      clock.advance(Math.min(stepMs, ms - t))
      await settle()
    }
    await settle()
  }
  return {
    clock,
    cluster,
    client: cluster.client('test'),
    run,
    async until(what, check, maxMs = 600_000, stepMs = 100) {
      for (let t = 0; t <= maxMs; t += stepMs) {
        await settle()
        if (await check()) return
        await run(stepMs, stepMs)
      }
      throw new Error(`timed out after ${maxMs} simulated ms waiting for ${what}`)
    },
    stop: () => cluster.stop(),
  }
}

const GI = 2 ** 30

/** Returns a 1.11.1 lab node's hardware (80Gi disk, 110 pods, Ubuntu 16.04, docker 17.3) with `cpu` and `memory`. */
export const testHardware = (cpu: number, memory: number): TopologyNode['hardware'] => ({
  cpu,
  memory,
  ephemeralStorage: 80 * GI,
  pods: 110,
  osImage: 'Ubuntu 16.04.5 LTS',
  kernelVersion: '4.4.0-133-generic',
  containerRuntimeVersion: 'docker://17.3.2',
  kubeletVersion: 'v1.11.1',
  kubeProxyVersion: 'v1.11.1',
})

/** Returns test topology nodes like the lab's: a tainted 4-cpu/8Gi master and 8-cpu/16Gi workers. */
export function testNodes(workers = 2): TopologyNode[] {
  const master: TopologyNode = {
    name: 't-control-plane',
    role: 'control-plane',
    address: '127.0.10.104',
    podCIDR: '192.168.0.0/24',
    labels: {},
    taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
    hardware: testHardware(4, 8 * GI),
  }
  const rest = Array.from({ length: workers }, (_, i): TopologyNode => ({
    name: `t-worker${i === 0 ? '' : i + 1}`,
    role: 'worker',
    address: `127.0.10.${105 + i}`,
    podCIDR: `192.168.${i + 1}.0/24`,
    labels: {},
    taints: [],
    hardware: testHardware(8, 16 * GI),
  }))
  return [master, ...rest]
}
