import { createInflate, constants, type Inflate } from 'node:zlib'
import { SPDY3_DICTIONARY } from './header-dictionary.js'

/**
 * Decodes a session's SPDY/3 header blocks: one zlib stream (primed with the SPDY dictionary)
 * spans all blocks of a direction, each block ending in a sync flush. Blocks are decoded in order.
 */
export class HeaderDecoder {
  private inflate: Inflate = createInflate({ dictionary: SPDY3_DICTIONARY })
  private out: Buffer[] = []
  private chain: Promise<unknown> = Promise.resolve()
  private failure: Error | undefined
  private onFailure: ((err: Error) => void) | undefined

  constructor() {
    this.inflate.on('data', (b: Buffer) => this.out.push(b))
    // A corrupt stream ends the decoder: the pending block and every later one fail.
    this.inflate.on('error', (err: Error) => {
      this.failure = new Error('failed to decode SPDY headers', { cause: err })
      this.onFailure?.(this.failure)
    })
  }

  /** Returns the name/value pairs of one block (names lower-case; NUL-separated values joined by ", "). */
  decode(block: Buffer): Promise<Record<string, string>> {
    const next = this.chain.then(
      () =>
        new Promise<Record<string, string>>((resolve, reject) => {
          if (this.failure) return reject(this.failure)
          this.onFailure = reject
          this.out = []
          this.inflate.write(block)
          this.inflate.flush(constants.Z_SYNC_FLUSH, () => {
            if (this.failure) return reject(this.failure)
            try {
              resolve(parsePairs(Buffer.concat(this.out)))
            } catch (err) {
              reject(err instanceof Error ? err : new Error(String(err)))
            }
          })
        })
    )
    this.chain = next.catch(() => undefined)
    return next
  }

  /** Frees the zlib stream. */
  close(): void {
    this.inflate.close()
  }
}

function parsePairs(b: Buffer): Record<string, string> {
  if (b.length < 4) throw new Error('failed to decode SPDY headers: truncated block')
  const n = b.readUInt32BE(0)
  const out: Record<string, string> = {}
  let at = 4
  for (let i = 0; i < n; i++) {
    const nl = b.readUInt32BE(at)
    const name = b.toString('latin1', at + 4, at + 4 + nl).toLowerCase()
    at += 4 + nl
    const vl = b.readUInt32BE(at)
    const value = b.toString('latin1', at + 4, at + 4 + vl)
    at += 4 + vl
    out[name] = value.split('\0').join(', ')
  }
  return out
}

/**
 * Encodes header blocks for the other direction as one zlib stream of stored (uncompressed)
 * deflate blocks, each ended by a sync-flush marker: valid for any zlib reader, dictionary or
 * not, and needs no state but whether the zlib header was sent.
 */
export class HeaderEncoder {
  private started = false

  /** Returns the compressed block for `headers`. */
  encode(headers: Record<string, string>): Buffer {
    const parts: Buffer[] = []
    const u32 = (n: number) => {
      const b = Buffer.alloc(4)
      b.writeUInt32BE(n)
      return b
    }
    const entries = Object.entries(headers)
    parts.push(u32(entries.length))
    for (const [k, v] of entries) {
      const kb = Buffer.from(k.toLowerCase(), 'latin1')
      const vb = Buffer.from(v, 'latin1')
      parts.push(u32(kb.length), kb, u32(vb.length), vb)
    }
    const raw = Buffer.concat(parts)
    const out: Buffer[] = []
    if (!this.started) {
      this.started = true
      out.push(Buffer.from([0x78, 0x01]))
    }
    for (let at = 0; at < raw.length || at === 0; at += 0xffff) {
      const chunk = raw.subarray(at, at + 0xffff)
      const head = Buffer.alloc(5)
      head[0] = 0 // BFINAL=0, BTYPE=00 (stored), padded to the byte boundary
      head.writeUInt16LE(chunk.length, 1)
      head.writeUInt16LE(~chunk.length & 0xffff, 3)
      out.push(head, chunk)
      if (raw.length === 0) break
    }
    // The empty stored block a sync flush ends with: readers return the block's bytes on it
    // instead of reading on into the next frame (Go's flate does).
    out.push(Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]))
    return Buffer.concat(out)
  }
}
