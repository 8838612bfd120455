import { connect, type Socket } from 'node:net'

/** Where and how fast to send the paced load. */
export interface PacedLoadOptions {
  /** `host:port` pairs (loopback only); connections are spread over them round-robin. */
  targets: string[]
  /** Path and query of every GET. */
  path: string
  /** Target requests per second (the token bucket's rate). */
  rps: number
  /** Length of the measured window (after the warm-up). */
  durationMs: number
  /** Keep-alive connections opened at the start (each carries one request at a time). */
  connections: number
  /**
   * Connections the generator may hold at most (default: enough for 100 ms of latency at the
   * target rate, at least `connections`): when a token is due and every connection is busy, a new
   * one is opened, as an open-model client (a new user) would, instead of waiting for a slow
   * answer to free one (Little's law: 64 connections carry 5,000 req/s only while answers take
   * ≤ 12.8 ms).
   */
  maxConnections?: number
  /**
   * How far behind its schedule the generator may fall and catch up (default 1,000 ms of
   * tokens): tokens that find every connection busy wait up to this long for one to free, as
   * wrk2's constant-rate schedule does; older ones are dropped and counted as missed.
   */
  backlogMs?: number
  /**
   * Load at the target rate before the measured window (default 0): connections, the server's
   * JIT and caches warm up; nothing sent or answered in it is counted.
   */
  warmupMs?: number
  /** Called once when the measured window starts (after the warm-up). */
  onMeasuring?: () => void
}

/** What a paced load run measured (in the measured window, after the warm-up). */
export interface PacedLoadResult {
  targetRps: number
  /** Responses with status 200 per second of the run. */
  rps: number
  ok: number
  /** Non-200 answers, resets and connection failures. */
  errors: number
  /**
   * Tokens never sent: dropped because they waited longer than the backlog allows, or still
   * waiting when the run ended (the target was not reached).
   */
  missed: number
  seconds: number
  p50ms: number
  p99ms: number
  /** CPU seconds the load generator itself used (user + system) in the measured window. */
  cpuSeconds: number
  /** 200s received in each second of the run. */
  perSecond: number[]
  /** Most connections open at once (the pool grows when every connection is busy). */
  peakConnections: number
  /** Longest the generator was behind its schedule, in ms of waiting tokens. */
  maxBehindMs: number
}

const CRLF2 = Buffer.from('\r\n\r\n')
const CONTENT_LENGTH = Buffer.from('\r\ncontent-length:')

interface Conn {
  socket: Socket
  busy: boolean
  /** Connected (the TCP handshake is done). */
  up: boolean
  t0: number
  /** Bytes of the response head read so far (until the blank line). */
  head: Buffer | undefined
  /** Body bytes still to come. */
  remaining: number
  status: number
}

/** Opens at most this many new connections per tick (a burst of new users, not a flood). */
const OPEN_PER_TICK = 32

/** Returns the loopback `{host, port}` of each target, refusing any other address. */
function loopbackTargets(targets: string[]): { host: string; port: number }[] {
  return targets.map((t) => {
    const m = /^(127\.\d+\.\d+\.\d+):(\d+)$/.exec(t)
    if (!m) throw new Error(`refusing to load ${t}: the benchmark only targets loopback host:port`)
    return { host: m[1]!, port: Number(m[2]) }
  })
}

/**
 * Sends GETs over raw keep-alive TCP connections at a target rate set by a token bucket, one
 * request at a time per connection, for a bounded time. Tokens that find every connection busy
 * open new connections (up to `maxConnections`) and wait (up to `backlogMs`) to be sent as soon
 * as a connection frees, so a short stall of the server is caught up as a constant-rate client
 * does; older tokens are dropped and counted as missed. The HTTP/1.1 client is minimal (one
 * prebuilt request, status line and content-length read from the bytes) so that the generator
 * costs little CPU next to the server it loads.
 */
export async function pacedLoad(o: PacedLoadOptions): Promise<PacedLoadResult> {
  const targets = loopbackTargets(o.targets)
  let cpu0 = process.cpuUsage()
  const latencies: number[] = []
  const perSecond: number[] = []
  let errors = 0
  let missed = 0
  const idle: Conn[] = []
  const conns = new Set<Conn>()
  let connecting = 0
  let opened = 0
  let peak = 0
  let maxBehind = 0
  let stopped = false
  /** Requests due and not sent yet (fractional: the bucket fills continuously). */
  let tokens = 0
  const maxConns = Math.max(o.connections, o.maxConnections ?? Math.ceil(o.rps * 0.1))
  const begin = performance.now()
  const start = begin + (o.warmupMs ?? 0)
  const end = start + o.durationMs
  let measuring = start <= begin
  /** Whether a request sent (or a token due) at `t` is in the measured window. */
  const counted = (t: number) => t >= start

  const open = () => {
    const t = targets[opened++ % targets.length]!
    const c: Conn = {
      socket: connect({ host: t.host, port: t.port, noDelay: true }),
      busy: true,
      up: false,
      t0: 0,
      head: undefined,
      remaining: 0,
      status: 0,
    }
    conns.add(c)
    connecting++
    peak = Math.max(peak, conns.size)
    c.socket.once('connect', () => {
      connecting--
      c.up = true
      free(c, performance.now())
    })
    c.socket.on('data', (d: Buffer) => onData(c, d))
    // A connection that fails before it is up counts as an error (its close replaces it).
    c.socket.on('error', () => {
      if (!c.up && counted(performance.now())) errors++
    })
    c.socket.on('close', () => {
      conns.delete(c)
      if (!c.up) connecting--
      else if (c.busy && c.t0 > 0 && counted(c.t0)) errors++
      c.up = false
      const at = idle.indexOf(c)
      if (at >= 0) idle.splice(at, 1)
      // A closed connection is replaced (bounded by the run's end).
      if (!stopped && performance.now() < end) setTimeout(open, 10)
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
  /** A connection that is free takes a waiting token at once (no wait for the next tick). */
  const free = (c: Conn, now: number) => {
    c.busy = false
    c.t0 = 0
    if (tokens >= 1 && !stopped && now < end) {
      tokens--
      send(c)
    } else idle.push(c)
  }
  const done = (c: Conn) => {
    const now = performance.now()
    if (counted(c.t0)) {
      if (c.status === 200) {
        latencies.push(now - c.t0)
        // By the second it was sent in: one answered after the window still counts in its last second.
        const s = Math.floor((c.t0 - start) / 1000)
        perSecond[s] = (perSecond[s] ?? 0) + 1
      } else errors++
    }
    free(c, now)
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

  for (let i = 0; i < o.connections; i++) open()
  const rate = o.rps / 1000
  const burst = Math.max(1, (o.rps * (o.backlogMs ?? 1000)) / 1000)
  let last = performance.now()
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      if (!measuring && now >= start) {
        // The window starts on schedule: what the warm-up still owed is not carried into it.
        measuring = true
        tokens = 0
        last = start
        cpu0 = process.cpuUsage()
        o.onMeasuring?.()
      }
      if (now >= end) return resolve()
      tokens += (now - last) * rate
      last = now
      while (tokens >= 1 && idle.length > 0) {
        tokens--
        send(idle.pop()!)
      }
      // Every connection busy and tokens waiting: new connections, one per waiting token.
      const want = Math.min(Math.floor(tokens) - connecting, maxConns - conns.size, OPEN_PER_TICK)
      for (let i = 0; i < want; i++) open()
      if (counted(now)) maxBehind = Math.max(maxBehind, tokens / rate)
      if (tokens > burst) {
        if (counted(now)) missed += Math.floor(tokens - burst)
        tokens -= Math.floor(tokens - burst)
      }
      setTimeout(tick, 1)
    }
    if (measuring) o.onMeasuring?.()
    tick()
  })
  stopped = true
  const seconds = (performance.now() - start) / 1000
  // Tokens still waiting at the end were due and never sent.
  missed += Math.floor(tokens)
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
    peakConnections: peak,
    maxBehindMs: maxBehind,
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
