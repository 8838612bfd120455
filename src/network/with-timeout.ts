import { NetError, NetErrorCodes } from './types.js'

/** Returns `p`, or rejects with NetError(ETIMEDOUT) once `ms` wall-clock milliseconds passed. */
export function withTimeout<T>(p: Promise<T>, ms: number | undefined, what: string): Promise<T> {
  if (ms === undefined || !(ms > 0) || !Number.isFinite(ms)) return p
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(
      () => reject(new NetError(NetErrorCodes.timedOut, `${what} timed out after ${ms} ms`)),
      ms
    )
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (err: unknown) => (clearTimeout(t), reject(err))
    )
  })
}
