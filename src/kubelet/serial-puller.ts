/**
 * The node's image puller as the 1.11 kubelet runs it by default (`--serialize-image-pulls=true`,
 * pkg/kubelet/images/puller.go serialImagePuller): one worker takes the pull requests of all the
 * node's pods in the order they came, so a pull waits for the pulls queued before it. A queued
 * pull is not withdrawn when its pod goes away (1.11 cannot cancel one either).
 */
export class SerialPuller {
  private busyUntilMs = Number.NEGATIVE_INFINITY

  /** Queues a pull taking `pullMs` at simulated time `nowMs`; returns the ms from now until it ends. */
  queue(nowMs: number, pullMs: number): number {
    const start = Math.max(nowMs, this.busyUntilMs)
    this.busyUntilMs = start + Math.max(0, pullMs)
    return this.busyUntilMs - nowMs
  }
}
