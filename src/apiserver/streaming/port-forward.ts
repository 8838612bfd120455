import type { Duplex } from 'node:stream'
import type { WebSocket } from 'ws'
import { SpdySession, type SpdyStream } from './spdy/spdy-session.js'
import type { StreamingRuntime } from './runtime-types.js'

/** The pod a port-forward session reaches. */
export interface ForwardTarget {
  runtime: StreamingRuntime
  namespace: string
  pod: string
}

/** Connects `a` (client side) with the pod's stream, each end closing the other. */
function splice(
  write: (b: Buffer) => void,
  end: () => void,
  onData: (l: (b: Buffer) => void) => void,
  onEnd: (l: () => void) => void,
  pod: Duplex
): void {
  pod.on('data', (b: Buffer) => write(b))
  pod.on('end', end)
  pod.on('error', end)
  pod.on('close', end)
  onData((b) => pod.write(b))
  onEnd(() => pod.end())
}

/**
 * Serves portforward.k8s.io over a SPDY session (direct, or tunnelled in a WebSocket as
 * kubectl ≥ 1.30 does): each connection is a pair of streams with one `requestID`, an error
 * stream (the runtime's failure text) and a data stream (the bytes).
 */
export function portForwardStreams(t: ForwardTarget): (s: SpdyStream) => void {
  const errors = new Map<string, SpdyStream>()
  const waiting = new Map<string, (s: SpdyStream) => void>()
  const errorStream = (id: string) =>
    new Promise<SpdyStream>((resolve) => {
      const s = errors.get(id)
      if (s) return resolve(s)
      waiting.set(id, resolve)
    })
  return (s: SpdyStream): void => {
    const type = s.headers.streamtype
    const id = s.headers.requestid ?? ''
    if (type === 'error') {
      errors.set(id, s)
      waiting.get(id)?.(s)
      waiting.delete(id)
      return
    }
    if (type !== 'data') return s.end()
    const port = Number(s.headers.port)
    void (async () => {
      const err = await errorStream(id)
      try {
        if (!Number.isInteger(port) || port < 1 || port > 65535)
          throw new Error(`invalid port ${s.headers.port ?? ''}`)
        const pod = await t.runtime.portForward(t.namespace, t.pod, port)
        splice(
          (b) => s.write(b),
          () => {
            s.end()
            err.end()
          },
          (l) => s.onData(l),
          (l) => s.onEnd(l),
          pod
        )
      } catch (e) {
        err.write(e instanceof Error ? e.message : String(e))
        err.end()
        s.end()
      }
    })()
  }
}

/** Creates a SPDY session whose streams are port-forward connections to the target. */
export function portForwardSession(t: ForwardTarget, send: (b: Buffer) => void): SpdySession {
  return new SpdySession(send, portForwardStreams(t))
}

/**
 * Serves port-forward over a WebSocket channel protocol (client-node, Python): for the i-th
 * port of `ports`, channel 2i carries data and 2i+1 errors; each channel opens with the port
 * number (uint16, little-endian), as the kubelet sends it.
 */
export function servePortForwardWebSocket(t: ForwardTarget, ws: WebSocket, ports: number[]): void {
  const pods: (Duplex | undefined)[] = []
  const send = (channel: number, data: Buffer) => {
    if (ws.readyState === ws.OPEN) ws.send(Buffer.concat([Buffer.from([channel]), data]))
  }
  ports.forEach((port, i) => {
    const portBytes = Buffer.alloc(2)
    portBytes.writeUInt16LE(port)
    send(2 * i, portBytes)
    send(2 * i + 1, portBytes)
    t.runtime.portForward(t.namespace, t.pod, port).then(
      (pod) => {
        pods[i] = pod
        pod.on('data', (b: Buffer) => send(2 * i, b))
        pod.on('end', () => ws.close(1000))
        pod.on('error', () => ws.close(1000))
      },
      (e: unknown) => {
        send(2 * i + 1, Buffer.from(e instanceof Error ? e.message : String(e)))
        ws.close(1000)
      }
    )
  })
  ws.on('message', (raw: Buffer | Buffer[]) => {
    const b = Array.isArray(raw) ? Buffer.concat(raw) : raw
    if (b.length < 1) return
    const ch = b[0]!
    if (ch % 2 === 0) pods[ch / 2]?.write(b.subarray(1))
  })
  ws.on('close', () => {
    for (const p of pods) p?.destroy()
  })
}
