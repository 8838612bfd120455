import type { WebSocket } from 'ws'
import { ByteQueue } from './byte-queue.js'
import {
  Channels,
  decodeChannelMessage,
  encodeChannelMessage,
  type ChannelProtocol,
} from './channel-protocol.js'
import { runToStatus } from './exec-status.js'
import type { RuntimeSession } from './runtime-types.js'

/** What an exec or attach session asked for (its query). */
export interface SessionOptions {
  stdin: boolean
  stdout: boolean
  stderr: boolean
  tty: boolean
  /** The command, for the exit Status message (empty for attach). */
  command: string[]
}

/**
 * Runs an exec or attach session over an upgraded WebSocket with a channel protocol: relays
 * stdin (and, in v5, its close signal) and resize messages to the runtime, its output to the
 * stdout/stderr channels, and ends with the exit Status on the error channel (v4+), then closes.
 */
export async function runWebSocketSession(
  ws: WebSocket,
  p: ChannelProtocol,
  session: RuntimeSession,
  o: SessionOptions
): Promise<void> {
  const abort = new AbortController()
  const stdin = o.stdin ? new ByteQueue() : undefined
  const resizeListeners: ((s: { width: number; height: number }) => void)[] = []
  const send = (channel: number, data: Buffer | string) => {
    if (ws.readyState === ws.OPEN) ws.send(encodeChannelMessage(p, channel, data))
  }
  ws.on('message', (raw: Buffer | Buffer[], isBinary: boolean) => {
    const buf = Array.isArray(raw) ? Buffer.concat(raw) : raw
    const msg = decodeChannelMessage(p, buf, isBinary)
    if (!msg) return
    if (msg.channel === Channels.stdin) stdin?.push(msg.data)
    else if (msg.channel === Channels.close && msg.data[0] === Channels.stdin) stdin?.end()
    else if (msg.channel === Channels.resize) {
      try {
        const s = JSON.parse(msg.data.toString()) as { Width?: number; Height?: number }
        for (const l of resizeListeners) l({ width: s.Width ?? 80, height: s.Height ?? 24 })
      } catch {
        // A malformed resize message is ignored, as the kubelet logs and drops it.
      }
    }
  })
  ws.on('close', () => {
    stdin?.end()
    abort.abort()
  })
  ws.on('error', () => abort.abort())
  const status = await runToStatus(
    session,
    {
      ...(stdin ? { stdin } : {}),
      stdout: (c) => o.stdout && send(Channels.stdout, c),
      stderr: (c) => (o.stderr || o.tty) && send(o.tty ? Channels.stdout : Channels.stderr, c),
      tty: o.tty,
      onResize: (l) => resizeListeners.push(l),
      signal: abort.signal,
    },
    o.command
  )
  if (p.version >= 4) send(Channels.error, JSON.stringify(status))
  else if (status.status !== 'Success') send(Channels.error, String(status.message))
  closeSoon(ws)
}

/**
 * Closes a WebSocket, and drops the connection when the client does not answer the close
 * within a second once everything was sent: a client that polls the raw socket under TLS
 * (Python's websocket-client) misses a close frame that arrived with the last message.
 */
export function closeSoon(ws: WebSocket): void {
  ws.close(1000)
  const check = setInterval(() => {
    if (ws.readyState === ws.CLOSED) return clearInterval(check)
    if (ws.bufferedAmount === 0) {
      clearInterval(check)
      ws.terminate()
    }
  }, 1000)
  check.unref()
}
