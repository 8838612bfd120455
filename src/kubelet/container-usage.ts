/**
 * What each simulated container did, as the kubelet's cAdvisor and summary API report it: the
 * requests it handled and the bytes its pod's eth0 carried (counted by the data plane as it
 * delivers them), turned into CPU time by the lab's cost model (`CPU_MODEL`), and its working
 * set (the bytes the lab holds for the instance: its log and the requests it is handling now).
 * Counters are kept with per-second marks so that a restarted container starts again from zero,
 * as cAdvisor's counters do for a new container.
 */

/**
 * The lab's CPU cost model: a container's CPU time is derived from the work it did, not measured
 * (the containers are simulated). An idle container uses no CPU.
 */
export const CPU_MODEL = {
  /** CPU seconds per request handled (app or proxy). */
  secondsPerRequest: 0.0005,
  /** CPU seconds per MiB received or sent while handling requests. */
  secondsPerMiB: 0.002,
} as const

/** TCP payload per segment (MSS 1460 less the 12-byte timestamp option): packets per message. */
const SEGMENT_BYTES = 1448

/** Returns the data segments a message of `bytes` takes (at least one). */
export function packetsOf(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / SEGMENT_BYTES))
}

/**
 * Cumulative counters with per-second marks, to answer "how much since time T". A mark holds the
 * totals at the end of a second; the current second's are the totals themselves, so an add copies
 * nothing until the second turns.
 */
class Counters {
  readonly total: number[]
  private second = -Infinity
  private marks: { t: number; v: number[] }[] = []

  constructor(width: number) {
    this.total = new Array<number>(width).fill(0)
  }

  /** Starts the second of `nowMs` (marking the last one's totals); returns the totals to add to. */
  at(nowMs: number): number[] {
    const t = Math.floor(nowMs / 1000) * 1000
    if (t !== this.second) {
      if (this.second !== -Infinity) this.marks.push({ t: this.second, v: [...this.total] })
      this.second = t
      // A bounded history: the oldest half goes, its last mark stays as the base.
      if (this.marks.length > 20_000) this.marks.splice(0, 10_000)
    }
    return this.total
  }

  /** Returns the counts added at or after `sinceMs` (whole seconds: the second it started in counts). */
  since(sinceMs: number): number[] {
    const t = Math.floor(sinceMs / 1000) * 1000
    let base: number[] | undefined
    if (this.second < t) base = this.total
    else
      for (let i = this.marks.length - 1; i >= 0; i--)
        if (this.marks[i]!.t < t) {
          base = this.marks[i]!.v
          break
        }
    return this.total.map((v, i) => v - (base?.[i] ?? 0))
  }
}

/** A pod's eth0 counters since it started. */
export interface PodNetworkUsage {
  rxBytes: number
  txBytes: number
  rxPackets: number
  txPackets: number
}

/** A container instance's usage since it started. */
export interface ContainerUsage {
  /** Requests it handled. */
  requests: number
  /** CPU seconds by `CPU_MODEL`. */
  cpuSeconds: number
  /** Bytes the lab holds for it now (its log and the requests in flight). */
  workingSetBytes: number
}

const key = (...parts: string[]) => parts.join('\u0000')

/**
 * Counts what containers do (fed by the data plane) and answers the kubelet's stats. `logBytes`
 * returns the bytes of a container's current log (the lab's log store).
 */
export class ContainerUsageMeter {
  private work = new Map<string, Counters>()
  private net = new Map<string, Counters>()
  private inFlight = new Map<string, number>()
  private logBytes: (namespace: string, pod: string, container: string) => number
  private now: () => number

  constructor(
    logBytes: (namespace: string, pod: string, container: string) => number = () => 0,
    now: () => number = Date.now
  ) {
    this.logBytes = logBytes
    this.now = now
  }

  /** A container handled one request of `inBytes` and answered with `outBytes`. */
  handled(namespace: string, pod: string, container: string, inBytes: number, outBytes: number) {
    const k = key(namespace, pod, container)
    let c = this.work.get(k)
    if (!c) this.work.set(k, (c = new Counters(2)))
    const total = c.at(this.now())
    total[0]! += 1
    total[1]! += inBytes + outBytes
  }

  /** A container starts handling a request of `bytes` (held until `settled`). */
  begin(namespace: string, pod: string, container: string, bytes: number): () => void {
    const k = key(namespace, pod, container)
    this.inFlight.set(k, (this.inFlight.get(k) ?? 0) + bytes)
    return () => {
      const left = (this.inFlight.get(k) ?? 0) - bytes
      if (left > 0) this.inFlight.set(k, left)
      else this.inFlight.delete(k)
    }
  }

  /** A pod's eth0 received `rx` bytes and sent `tx` bytes in one exchange. */
  traffic(namespace: string, pod: string, rx: number, tx: number): void {
    const k = key(namespace, pod)
    let c = this.net.get(k)
    if (!c) this.net.set(k, (c = new Counters(4)))
    const total = c.at(this.now())
    total[0]! += rx
    total[1]! += tx
    if (rx) total[2]! += packetsOf(rx)
    if (tx) total[3]! += packetsOf(tx)
  }

  /** Returns a container instance's usage since it started (`startedAtMs`). */
  container(
    namespace: string,
    pod: string,
    container: string,
    startedAtMs: number
  ): ContainerUsage {
    const k = key(namespace, pod, container)
    const [requests = 0, bytes = 0] = this.work.get(k)?.since(startedAtMs) ?? []
    return {
      requests,
      cpuSeconds:
        requests * CPU_MODEL.secondsPerRequest + (bytes / 1048576) * CPU_MODEL.secondsPerMiB,
      workingSetBytes: this.logBytes(namespace, pod, container) + (this.inFlight.get(k) ?? 0),
    }
  }

  /** Returns a pod's eth0 counters since it started (`startedAtMs`). */
  podNetwork(namespace: string, pod: string, startedAtMs: number): PodNetworkUsage {
    const [rxBytes = 0, txBytes = 0, rxPackets = 0, txPackets = 0] =
      this.net.get(key(namespace, pod))?.since(startedAtMs) ?? []
    return { rxBytes, txBytes, rxPackets, txPackets }
  }
}
