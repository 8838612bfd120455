import { Duplex } from 'node:stream'

/** One end of an in-memory connection, with the socket methods an http.Server calls. */
export class PairedSocket extends Duplex {
  peer: PairedSocket | undefined
  /** The address the other side appears to come from. */
  readonly remoteAddress: string
  readonly remotePort: number
  readonly remoteFamily = 'IPv4'
  readonly localAddress: string
  readonly localPort: number

  constructor(remote: { ip: string; port: number }, local: { ip: string; port: number }) {
    super({ allowHalfOpen: true })
    this.remoteAddress = remote.ip
    this.remotePort = remote.port
    this.localAddress = local.ip
    this.localPort = local.port
  }

  override _read(): void {
    // Data is pushed by the peer's writes.
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.peer && !this.peer.destroyed) this.peer.push(chunk)
    cb()
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (this.peer && !this.peer.destroyed) this.peer.push(null)
    cb()
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    const p = this.peer
    this.peer = undefined
    if (p && !p.destroyed) {
      p.peer = undefined
      p.push(null)
      p.end()
    }
    cb(err)
  }

  /** Accepted and ignored (no kernel socket). */
  setTimeout(_ms: number, cb?: () => void): this {
    if (cb) this.once('timeout', cb)
    return this
  }

  /** Accepted and ignored (no kernel socket). */
  setNoDelay(): this {
    return this
  }

  /** Accepted and ignored (no kernel socket). */
  setKeepAlive(): this {
    return this
  }

  /** Returns the local address, as net.Socket does. */
  address(): { address: string; port: number; family: string } {
    return { address: this.localAddress, port: this.localPort, family: 'IPv4' }
  }
}

/** Returns two connected in-memory sockets: what one writes, the other reads. */
export function duplexPair(
  client: { ip: string; port: number },
  server: { ip: string; port: number }
): [PairedSocket, PairedSocket] {
  const a = new PairedSocket(server, client)
  const b = new PairedSocket(client, server)
  a.peer = b
  b.peer = a
  return [a, b]
}
