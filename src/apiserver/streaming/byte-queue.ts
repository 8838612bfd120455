/**
 * An async iterable of byte chunks fed by a producer (a WebSocket, a SPDY stream): what the
 * runtime reads as a session's stdin. `end()` finishes it; chunks pushed after that are dropped.
 */
export class ByteQueue implements AsyncIterable<Buffer> {
  private chunks: Buffer[] = []
  private ended = false
  private wake: (() => void) | undefined

  /** Adds a chunk. */
  push(chunk: Buffer): void {
    if (this.ended || chunk.length === 0) return
    this.chunks.push(chunk)
    this.wake?.()
  }

  /** Ends the stream (EOF after the queued chunks). */
  end(): void {
    this.ended = true
    this.wake?.()
  }

  /** True once end() was called. */
  get isEnded(): boolean {
    return this.ended
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const next = this.chunks.shift()
      if (next) {
        yield next
        continue
      }
      if (this.ended) return
      await new Promise<void>((resolve) => (this.wake = resolve))
      this.wake = undefined
    }
  }
}
