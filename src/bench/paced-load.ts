import { connect, type Socket } from 'node:net'

/** Where and how fast to send the paced load. */
export interface PacedLoadOptions {
  /** `host:port` pairs (loopback only); connections are spread over them round-robin. */
  targets: string[]
  /** Path and query of every GET. */
  path: string
  /** Target requests per second (the token bucket's rate). */
  rps: number
  durationMs: number
  /** Keep-alive connections (each carries one request at a time, no pipelining). */
  connections: number
  /**
   * How far behind its schedule the generator may fall and catch up (default 100 ms of tokens):
   * tokens that found every connection busy wait up to this long for one to free, as wrk2's
   * constant-rate schedule does; older ones are dropped and counted as missed.
   */
  backlogMs?: number
}

/** What a paced load run measured. */
export interface PacedLoadResult {
  targetRps: number
  /** Responses with status 200 per second of the run. */
  rps: number
  ok: number
  /** Non-200 answers, resets and connection failures. */
  errors: number
  /** Tokens dropped because every connection was busy (the target was not reached). */
  missed: number
  seconds: number
  p50ms: number
  p99ms: number
  /** CPU seconds the load generator itself used (user + system). */
  cpuSeconds: number
  /** 200s received in each second of the run. */
  perSecond: number[]
}

const CRLF2 = Buffer.from('\r\n\r\n')
const CONTENT_LENGTH = Buffer.from('\r\ncontent-length:')

interface Conn {
  socket: Socket
  busy: boolean
  t0: number
  /** Bytes of the response head read so far (until the blank line). */
  head: Buffer | undefined
  /** Body bytes still to come. */
  remaining: number
  status: number
}

/**
 * Sends GETs over raw keep-alive TCP connections at a target rate set by a token bucket, one
 * request at a time per connection, for a bounded time. Tokens that find every connection busy
 * wait (up to `backlogMs`) and are sent as soon as a connection frees, so a short stall of the
 * server is caught up as a constant-rate client does; older tokens are dropped and counted as
 * missed. The HTTP/1.1 client is minimal (one prebuilt request, status line and content-length
 * read from the bytes) so that the generator costs little CPU next to the server it loads.
 */
export async function pacedLoad(o: PacedLoadOptions): Promise<PacedLoadResult> {
  const targets = o.targets.map((t) => {
    const m = /^(127\.\d+\.\d+\.\d+):(\d+)$/.exec(t)
    if (!m) throw new Error(`refusing to load ${t}: the benchmark only targets loopback host:port`)
    return { host: m[1]!, port: Number(m[2]) }
  })
  const cpu0 = process.cpuUsage()
  const latencies: number[] = []
  const perSecond: number[] = []
  let errors = 0
  let missed = 0
  const idle: Conn[] = []
  const conns = new Set<Conn>()
  let stopped = false
  /** Requests due and not sent yet (fractional: the bucket fills continuously). */
  let tokens = 0
  const start = performance.now()
  const end = start + o.durationMs

  const open = (i: number) => {
    const t = targets[i % targets.length]!
    const c: Conn = {
      socket: connect({ host: t.host, port: t.port, noDelay: true }),
      busy: true,
      t0: 0,
      head: undefined,
      remaining: 0,
      status: 0,
    }
    conns.add(c)
    c.socket.once('connect', () => {
      c.busy = false
      idle.push(c)
    })
    c.socket.on('data', (d: Buffer) => onData(c, d))
    // A connection that fails before it is up counts as an error (its close replaces it).
    c.socket.on('error', () => {
      if (c.busy && c.t0 === 0) errors++
    })
    c.socket.on('close', () => {
      conns.delete(c)
      if (c.busy && c.t0 > 0) errors++
      const at = idle.indexOf(c)
      if (at >= 0) idle.splice(at, 1)
      // A closed connection is replaced (bounded by the run's end).
      if (!stopped && performance.now() < end) setTimeout(() => open(i), 10)
    })
  }
  const request = Buffer.from(`GET ${o.path} HTTP/1.1\r\nhost: lab\r\naccept: */*\r\n\r\n`)
  const send = (c: Conn) => {
    c.busy = true
    c.t0 = performance.now()
    c.head = undefined
    c.status = 0
    c.remaining = -1
    c.socket.write(request)
  }
  const done = (c: Conn) => {
    const now = performance.now()
    if (c.status === 200) {
      latencies.push(now - c.t0)
      const s = Math.floor((now - start) / 1000)
      perSecond[s] = (perSecond[s] ?? 0) + 1
    } else errors++
    c.busy = false
    c.t0 = 0
    // A waiting token goes out on the connection that just freed (no wait for the next tick).
    if (tokens >= 1 && !stopped && now < end) {
      tokens--
      send(c)
    } else idle.push(c)
  }
  const onData = (c: Conn, d: Buffer) => {
    if (c.remaining < 0) {
      const head: Buffer = c.head ? Buffer.concat([c.head, d]) : d
      const at = head.indexOf(CRLF2)
      if (at < 0) return void (c.head = head)
      // "HTTP/1.1 200 …": the status is bytes 9–11.
      c.status = (head[9]! - 48) * 100 + (head[10]! - 48) * 10 + (head[11]! - 48)
      const len = contentLength(head, at)
      if (len < 0) return void c.socket.destroy()
      c.remaining = len - (head.length - at - 4)
    } else c.remaining -= d.length
    if (c.remaining <= 0) done(c)
  }

  for (let i = 0; i < o.connections; i++) open(i)
  const rate = o.rps / 1000
  const burst = Math.max(1, (o.rps * (o.backlogMs ?? 100)) / 1000)
  let last = performance.now()
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      if (now >= end) return resolve()
      tokens += (now - last) * rate
      last = now
      while (tokens >= 1 && idle.length > 0) {
        tokens--
        send(idle.pop()!)
      }
      if (tokens > burst) {
        missed += Math.floor(tokens - burst)
        tokens -= Math.floor(tokens - burst)
      }
      setTimeout(tick, 1)
    }
    tick()
  })
  stopped = true
  const seconds = (performance.now() - start) / 1000
  // Requests still in flight at the end are neither answers nor errors.
  for (const c of conns) {
    c.busy = false
    c.socket.destroy()
  }
  const cpu = process.cpuUsage(cpu0)
  const sorted = latencies.sort((a, b) => a - b)
  const pct = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : 0
  return {
    targetRps: o.rps,
    rps: sorted.length / seconds,
    ok: sorted.length,
    errors,
    missed,
    seconds,
    p50ms: pct(0.5),
    p99ms: pct(0.99),
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    perSecond: Array.from(perSecond, (n) => n ?? 0),
  }
}

/** Returns the content-length of a response head ending at `end`, or -1 when it has none. */
function contentLength(head: Buffer, end: number): number {
  let at = head.indexOf(CONTENT_LENGTH)
  if (at < 0 || at > end) {
    // Another spelling of the header name: read the head as text.
    const m = /\r\ncontent-length:\s*(\d+)/i.exec(head.subarray(0, end).toString('latin1'))
    return m ? Number(m[1]) : -1
  }
  at += CONTENT_LENGTH.length
  let n = 0
  let digits = 0
  for (; at < end; at++) {
    const b = head[at]!
    if (b === 32 && digits === 0) continue
    if (b < 48 || b > 57) break
    n = n * 10 + b - 48
    digits++
  }
  return digits > 0 ? n : -1
}
