import { request } from 'node:http'
import { startSimLab } from '../backends/sim/index.js'
import { servicesRef } from '../network/index.js'
import { startBareChain } from './bare-proxy-chain.js'
import { sampleLoad, summarize, type LoadResult } from './http-load.js'
import { msbBenchObjects } from './msb-objects.js'
import { defaultLab } from './default-lab.js'
import { Refs } from '../client/index.js'

const DEPLOYMENTS = { apiVersion: 'apps/v1', resource: 'deployments', namespaced: true }
const NAMESPACES = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }
const PATH = '/api/multicloud/v0/swagger.json'

const emptyAcc = () => ({ latencies: [] as number[], errors: 0, seconds: 0 })

/** What the data-plane benchmark measured. */
export interface DataPlaneBenchResult {
  /** NodePort → msb-iag → multicloud in the simulated lab. */
  lab: LoadResult
  /** A bare Node.js proxy → server chain answering the same body. */
  bare: LoadResult
  /** Seconds from an empty cluster to the first 200 through the gateway. */
  routeReadySeconds: number
  bodyBytes: number
}

function get(url: string): Promise<{ status: number; body: Buffer; type: string }> {
  return new Promise((resolve) => {
    const req = request(url, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks),
          type: res.headers['content-type'] ?? '',
        })
      )
    })
    req.on('error', () => resolve({ status: 0, body: Buffer.alloc(0), type: '' }))
    req.end()
  })
}

/**
 * Measures requests/s and latency through the lab's data plane (a real NodePort on a node's
 * address → msb-iag's gateway app → multicloud's swagger app, registered by kube2msb) and,
 * in the same run, through a bare Node.js chain of the same two hops. Bounded: a lab of the
 * default topology, `durationMs` of load each, loopback only.
 */
export async function dataPlaneBench(
  root: string,
  o: { concurrency: number; durationMs: number }
): Promise<DataPlaneBenchResult> {
  const { profile, topology } = defaultLab(root)
  const lab = await startSimLab({ topology, timeFactor: profile.timeFactor })
  try {
    const t0 = performance.now()
    await lab.kubeadm.bootstrap()
    const client = lab.cluster.client('bench')
    const objs = msbBenchObjects()
    await client.create(NAMESPACES, objs.namespace)
    await client.create(Refs.clusterRoleBindings, objs.binding)
    for (const s of objs.services) await client.create(servicesRef, s)
    for (const d of objs.deployments) await client.create(DEPLOYMENTS, d)
    const iag = await client.get(servicesRef, 'msb-iag', 'onap')
    const nodePort = (iag.spec as { ports: { nodePort: number }[] }).ports[0]!.nodePort
    const worker = topology.nodes.find((n) => n.role === 'worker')!
    const url = `http://${worker.address}:${String(nodePort)}${PATH}`
    const deadline = Date.now() + 120_000
    let first = await get(url)
    while (first.status !== 200) {
      if (Date.now() > deadline)
        throw new Error(`failed to reach ${url} within 120 s: last status ${String(first.status)}`)
      await new Promise((r) => setTimeout(r, 250))
      first = await get(url)
    }
    const routeReadySeconds = (performance.now() - t0) / 1000
    const chain = await startBareChain(first.body, first.type, PATH)
    try {
      // Alternate 1 s slices of each, so that a machine whose load changes treats both alike.
      const acc = { lab: emptyAcc(), bare: emptyAcc() }
      const slices = Math.max(1, Math.round(o.durationMs / 1000))
      for (let i = 0; i < slices; i++) {
        for (const [name, target] of [
          ['lab', url],
          ['bare', chain.url],
        ] as const) {
          const r = await sampleLoad({
            url: target,
            concurrency: o.concurrency,
            durationMs: o.durationMs / slices,
          })
          acc[name].latencies.push(...r.latencies)
          acc[name].errors += r.errors
          acc[name].seconds += r.seconds
        }
      }
      const done = (a: ReturnType<typeof emptyAcc>) => summarize(a.latencies, a.errors, a.seconds)
      return {
        lab: done(acc.lab),
        bare: done(acc.bare),
        routeReadySeconds,
        bodyBytes: first.body.length,
      }
    } finally {
      await chain.stop()
    }
  } finally {
    await lab.stop()
  }
}
