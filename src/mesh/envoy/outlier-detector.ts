import type { OutlierDetection } from '../pilot/index.js'
import type { Clock } from '../../util/index.js'

interface HostState {
  consecutive5xx: number
  ejectedUntil?: number
  ejections: number
}

/**
 * Envoy's outlier detection for one cluster in one proxy: `consecutive5xx` 5xx answers in a row
 * eject a host for baseEjectionTime × (number of times it was ejected), unless
 * `maxEjectionPercent` of the hosts are already out. Time comes from the injected clock.
 */
export class OutlierDetector {
  private hosts = new Map<string, HostState>()
  ejectionsTotal = 0

  cfg: OutlierDetection
  private clock: Clock

  constructor(cfg: OutlierDetection, clock: Clock) {
    this.cfg = cfg
    this.clock = clock
  }

  private state(key: string): HostState {
    let s = this.hosts.get(key)
    if (!s) this.hosts.set(key, (s = { consecutive5xx: 0, ejections: 0 }))
    return s
  }

  /** Returns true while a host is ejected (it comes back once its ejection time is over). */
  isEjected(key: string): boolean {
    const s = this.hosts.get(key)
    if (s?.ejectedUntil === undefined) return false
    if (this.clock.now().getTime() >= s.ejectedUntil) {
      delete s.ejectedUntil
      s.consecutive5xx = 0
      return false
    }
    return true
  }

  /** Records an upstream answer (a connect failure or reset counts as 503) of a host. */
  record(key: string, status: number, allHosts: readonly string[]): void {
    const s = this.state(key)
    if (status < 500) {
      s.consecutive5xx = 0
      return
    }
    s.consecutive5xx++
    if (s.consecutive5xx < this.cfg.consecutive5xx || this.isEjected(key)) return
    const ejected = allHosts.filter((h) => this.isEjected(h)).length
    if ((100 * ejected) / Math.max(1, allHosts.length) >= this.cfg.maxEjectionPercent) return
    s.ejections++
    s.ejectedUntil = this.clock.now().getTime() + this.cfg.baseEjectionTimeMs * s.ejections
    s.consecutive5xx = 0
    this.ejectionsTotal++
  }
}
