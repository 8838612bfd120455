import { deepCopy } from '../api/types.js'

/**
 * Returns how the in-process transport hands out what the server answers and streams (watch
 * events, the answers to writes), from the environment when it is created:
 * - by default, as it is: the server's objects, shared read-only by every caller (the server
 *   never changes an object once stored, and no consumer changes what it receives);
 * - LAB_FREEZE_WATCH=1: deep-frozen first, so that a consumer changing one throws `Cannot assign
 *   to read only property` (run the consumers' tests with it to prove none does);
 * - LAB_TRANSPORT_COPY=1: each caller's own deep copy, as before (to measure what sharing saves).
 */
export function handOut(env: NodeJS.ProcessEnv = process.env): <T>(v: T) => T {
  if (env.LAB_TRANSPORT_COPY === '1') return deepCopy
  if (env.LAB_FREEZE_WATCH === '1') return deepFreeze
  return (v) => v
}

/** Freezes a JSON value and everything in it (byte arrays excepted: they cannot be frozen). */
export function deepFreeze<T>(v: T): T {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) return v
  Object.freeze(v)
  for (const x of Object.values(v as object)) deepFreeze(x)
  return v
}
