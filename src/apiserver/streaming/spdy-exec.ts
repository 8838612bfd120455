import { ByteQueue } from './byte-queue.js'
import { runToStatus } from './exec-status.js'
import type { RuntimeSession } from './runtime-types.js'
import { SpdySession, type SpdyStream } from './spdy/spdy-session.js'
import type { SessionOptions } from './websocket-session.js'

/**
 * Runs an exec or attach session over SPDY/3.1 (remotecommand v4 and older): waits for the
 * streams the query asked for (`streamType` error, stdin, stdout, stderr, resize), runs the
 * session, writes the exit Status (v4: JSON; older: text on failure) and ends every stream.
 */
export function spdyExecSession(
  send: (b: Buffer) => void,
  session: RuntimeSession,
  o: SessionOptions & { protocolVersion: number },
  onDone: () => void
): SpdySession {
  const want = new Set(['error'])
  if (o.stdin) want.add('stdin')
  if (o.stdout) want.add('stdout')
  if (o.stderr && !o.tty) want.add('stderr')
  if (o.tty && o.protocolVersion >= 3) want.add('resize')
  const streams = new Map<string, SpdyStream>()
  const abort = new AbortController()
  let started = false
  const spdy = new SpdySession(send, (s) => {
    const type = s.headers.streamtype ?? ''
    streams.set(type, s)
    if (!started && [...want].every((w) => streams.has(w))) {
      started = true
      void run()
    }
  })
  spdy.onClose(() => abort.abort())
  const timer = setTimeout(() => {
    if (!started) spdy.close()
  }, 30_000)
  const run = async () => {
    clearTimeout(timer)
    const stdin = o.stdin ? new ByteQueue() : undefined
    const inStream = streams.get('stdin')
    inStream?.onData((b) => stdin?.push(b))
    inStream?.onEnd(() => stdin?.end())
    const resizeListeners: ((s: { width: number; height: number }) => void)[] = []
    let pending = ''
    streams.get('resize')?.onData((b) => {
      pending += b.toString()
      let nl: number
      // Each resize event is a JSON object; the decoder reads them back to back.
      while ((nl = endOfObject(pending)) > 0) {
        try {
          const s = JSON.parse(pending.slice(0, nl)) as { Width?: number; Height?: number }
          for (const l of resizeListeners) l({ width: s.Width ?? 80, height: s.Height ?? 24 })
        } catch {
          // A malformed resize event is dropped, as the kubelet does.
        }
        pending = pending.slice(nl)
      }
    })
    const status = await runToStatus(
      session,
      {
        ...(stdin ? { stdin } : {}),
        stdout: (c) => streams.get('stdout')?.write(c),
        stderr: (c) => (o.tty ? streams.get('stdout') : streams.get('stderr'))?.write(c),
        tty: o.tty,
        onResize: (l) => resizeListeners.push(l),
        signal: abort.signal,
      },
      o.command
    )
    const errStream = streams.get('error')
    if (o.protocolVersion >= 4) errStream?.write(JSON.stringify(status))
    else if (status.status !== 'Success') errStream?.write(String(status.message))
    for (const s of streams.values()) s.end()
    onDone()
  }
  return spdy
}

function endOfObject(s: string): number {
  let depth = 0
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++
    else if (s[i] === '}' && --depth === 0) return i + 1
  }
  return 0
}
