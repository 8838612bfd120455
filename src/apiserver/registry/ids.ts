import { randomBytes, randomUUID } from 'node:crypto'
import { nameSuffix, randomUuid, type Random } from '../../util/index.js'
import type { Ids } from './registry-context.js'

// k8s.io/apimachinery/pkg/util/rand: consonants and digits without look-alikes.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

/** Creates Ids from the system clock and crypto randomness. */
export function systemIds(): Ids {
  return {
    now: () => new Date(),
    uid: () => randomUUID(),
    suffix: (n) => [...randomBytes(n)].map((b) => ALPHANUMS[b % ALPHANUMS.length]).join(''),
    int: (max) => randomBytes(4).readUInt32BE(0) % max,
  }
}

/** Creates Ids from a seed and a clock, for reproducible runs (a small xorshift generator). */
export function seededIds(seed: number, now: () => Date): Ids {
  let s = seed >>> 0 || 1
  const next = () => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s
  }
  const hex = (n: number) => Array.from({ length: n }, () => (next() % 16).toString(16)).join('')
  return {
    now,
    uid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
    suffix: (n) => Array.from({ length: n }, () => ALPHANUMS[next() % ALPHANUMS.length]).join(''),
    int: (max) => next() % max,
  }
}

/**
 * Creates Ids from the lab's Random and a clock. Seeded, each draw is keyed by what it is for
 * (`pods/ns/name` for a UID, `ns/generateName` for a suffix), so names and UIDs repeat from run to
 * run even when objects are written in another order; unseeded, it is crypto randomness.
 */
export function randomIds(r: Random, now: () => Date): Ids {
  const draw = (what: string, key: string | undefined) =>
    key === undefined ? r.stream(what) : r.stream(what).forKey(key)
  return {
    now,
    // Unseeded, node's own v4 UUIDs: the same crypto randomness, drawn from its batched pool.
    uid: (key) => (r.seed === undefined ? randomUUID() : randomUuid(draw('uid', key))),
    suffix: (n, key) => nameSuffix(draw('suffix', key), n),
    int: (max, key) => draw('int', key).int(max),
  }
}
