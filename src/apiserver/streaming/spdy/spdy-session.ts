import { HeaderDecoder, HeaderEncoder } from './header-block.js'

const VERSION = 3
const TYPE = { synStream: 1, synReply: 2, rstStream: 3, settings: 4, ping: 6, goAway: 7 } as const
const FLAG_FIN = 0x01

/** One stream a SPDY client opened. */
export class SpdyStream {
  readonly id: number
  readonly headers: Record<string, string>
  /** Set when the client half-closed its side (FIN) or reset the stream. */
  remoteEnded = false
  private session: SpdySession
  private localEnded = false
  private dataListeners: ((b: Buffer) => void)[] = []
  private endListeners: (() => void)[] = []

  constructor(session: SpdySession, id: number, headers: Record<string, string>) {
    this.session = session
    this.id = id
    this.headers = headers
  }

  /** Listens for the client's bytes. */
  onData(l: (b: Buffer) => void): void {
    this.dataListeners.push(l)
  }

  /** Listens for the client's end of the stream (FIN or reset). */
  onEnd(l: () => void): void {
    if (this.remoteEnded) l()
    else this.endListeners.push(l)
  }

  /** Sends bytes to the client. */
  write(data: Buffer | string): void {
    if (this.localEnded) return
    const b = typeof data === 'string' ? Buffer.from(data) : data
    for (let at = 0; at < b.length; at += 0xffffff)
      this.session.sendData(this.id, b.subarray(at, at + 0xffffff), false)
  }

  /** Ends the server's side of the stream (FIN). */
  end(): void {
    if (this.localEnded) return
    this.localEnded = true
    this.session.sendData(this.id, Buffer.alloc(0), true)
  }

  /** @internal */
  receive(b: Buffer, fin: boolean): void {
    if (b.length) for (const l of this.dataListeners) l(b)
    if (fin) this.remoteClosed()
  }

  /** @internal */
  remoteClosed(): void {
    if (this.remoteEnded) return
    this.remoteEnded = true
    for (const l of this.endListeners.splice(0)) l()
  }
}

/**
 * The server side of a SPDY/3.1 session as moby/spdystream speaks it to the kubelet: accepts
 * the streams a client opens (SYN_STREAM → SYN_REPLY), relays data frames both ways, answers
 * PING, and ends on GOAWAY. Bytes come in through `feed`, go out through `send`.
 */
export class SpdySession {
  private send: (b: Buffer) => void
  private onStream: (s: SpdyStream) => void
  private streams = new Map<number, SpdyStream>()
  private pending: Buffer = Buffer.alloc(0)
  private decoder = new HeaderDecoder()
  private encoder = new HeaderEncoder()
  private chain: Promise<void> = Promise.resolve()
  private closed = false
  private closeListeners: (() => void)[] = []

  constructor(send: (b: Buffer) => void, onStream: (s: SpdyStream) => void) {
    this.send = send
    this.onStream = onStream
  }

  /** Takes bytes from the client. */
  feed(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk
    while (this.pending.length >= 8) {
      const len = this.pending.readUIntBE(5, 3)
      if (this.pending.length < 8 + len) break
      const frame = this.pending.subarray(0, 8 + len)
      this.pending = this.pending.subarray(8 + len)
      // Frames are handled in order: header blocks decode asynchronously.
      this.chain = this.chain.then(() => this.frame(frame)).catch(() => this.close())
    }
  }

  /** Listens for the end of the session. */
  onClose(l: () => void): void {
    if (this.closed) l()
    else this.closeListeners.push(l)
  }

  /** Ends the session: every stream counts as closed by the client. */
  close(): void {
    if (this.closed) return
    this.closed = true
    for (const s of this.streams.values()) s.remoteClosed()
    this.decoder.close()
    for (const l of this.closeListeners.splice(0)) l()
  }

  /** @internal */
  sendData(id: number, data: Buffer, fin: boolean): void {
    if (this.closed) return
    const head = Buffer.alloc(8)
    head.writeUInt32BE(id & 0x7fffffff, 0)
    head.writeUInt32BE(((fin ? FLAG_FIN : 0) << 24) | data.length, 4)
    this.send(Buffer.concat([head, data]))
  }

  private control(type: number, flags: number, body: Buffer): void {
    if (this.closed) return
    const head = Buffer.alloc(8)
    head.writeUInt16BE(0x8000 | VERSION, 0)
    head.writeUInt16BE(type, 2)
    head.writeUInt32BE((flags << 24) | body.length, 4)
    this.send(Buffer.concat([head, body]))
  }

  private async frame(f: Buffer): Promise<void> {
    const flags = f[4]!
    const body = f.subarray(8)
    if ((f[0]! & 0x80) === 0) {
      const id = f.readUInt32BE(0) & 0x7fffffff
      this.streams.get(id)?.receive(body, (flags & FLAG_FIN) !== 0)
      return
    }
    const type = f.readUInt16BE(2)
    switch (type) {
      case TYPE.synStream: {
        const id = body.readUInt32BE(0) & 0x7fffffff
        const headers = await this.decoder.decode(body.subarray(10))
        const s = new SpdyStream(this, id, headers)
        this.streams.set(id, s)
        const reply = Buffer.concat([Buffer.alloc(4), this.encoder.encode({})])
        reply.writeUInt32BE(id, 0)
        this.control(TYPE.synReply, 0, reply)
        this.onStream(s)
        if (flags & FLAG_FIN) s.remoteClosed()
        return
      }
      case TYPE.rstStream:
        this.streams.get(body.readUInt32BE(0) & 0x7fffffff)?.remoteClosed()
        return
      case TYPE.ping:
        this.control(TYPE.ping, 0, body)
        return
      case TYPE.goAway:
        this.close()
        return
      default:
        // SETTINGS, WINDOW_UPDATE, HEADERS: nothing the lab's streams act on.
        return
    }
  }
}
