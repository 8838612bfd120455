import type { Clock } from '../../util/index.js'
import type { Cluster, LbEndpoint } from '../pilot/index.js'
import { ConnectionPool } from './connection-pool.js'
import { hostKey, LoadBalancer } from './load-balancer.js'
import { OutlierDetector } from './outlier-detector.js'

/** Envoy's default healthy panic threshold: below 50 % healthy hosts, balance over all of them. */
export const HEALTHY_PANIC_THRESHOLD = 50

/**
 * The state one proxy keeps for one cluster across requests and config pushes: its connection
 * pool (circuit breakers), outlier detector, load balancer and active requests per host.
 */
export class UpstreamCluster {
  readonly pool: ConnectionPool
  readonly lb = new LoadBalancer()
  private outlier: OutlierDetector | undefined
  private activeByHost = new Map<string, number>()

  cluster: Cluster
  endpoints: LbEndpoint[]
  private clock: Clock

  constructor(cluster: Cluster, endpoints: LbEndpoint[], clock: Clock) {
    this.cluster = cluster
    this.endpoints = endpoints
    this.clock = clock
    this.pool = new ConnectionPool({ ...cluster.circuitBreakers })
    this.update(cluster, endpoints)
  }

  /** Applies a new push, keeping pools, ejections and counters. */
  update(cluster: Cluster, endpoints: LbEndpoint[]): void {
    this.cluster = cluster
    this.endpoints = endpoints
    this.pool.limits = { ...cluster.circuitBreakers }
    if (!cluster.outlierDetection) this.outlier = undefined
    else if (!this.outlier) this.outlier = new OutlierDetector(cluster.outlierDetection, this.clock)
    else this.outlier.cfg = cluster.outlierDetection
  }

  /** Returns the outlier detector, when the cluster has outlier detection. */
  get detector(): OutlierDetector | undefined {
    return this.outlier
  }

  /** Returns the hosts to balance over: the non-ejected ones, or all below the panic threshold. */
  healthyHosts(): LbEndpoint[] {
    if (!this.outlier) return this.endpoints
    const healthy = this.endpoints.filter((e) => !this.outlier!.isEjected(hostKey(e)))
    if (
      this.endpoints.length &&
      (100 * healthy.length) / this.endpoints.length < HEALTHY_PANIC_THRESHOLD
    )
      return this.endpoints
    return healthy
  }

  /** Returns the requests in flight to a host. */
  active(key: string): number {
    return this.activeByHost.get(key) ?? 0
  }

  /** Counts a request to a host in or out. */
  track(key: string, delta: 1 | -1): void {
    this.activeByHost.set(key, Math.max(0, this.active(key) + delta))
  }

  /** Records the status a host answered with (outlier detection). */
  recordStatus(key: string, status: number): void {
    this.outlier?.record(key, status, this.endpoints.map(hostKey))
  }
}
