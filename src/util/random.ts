import { randomBytes } from 'node:crypto'

/**
 * The lab's one source of random choices. Seeded (`--seed`/`LAB_SEED`), every draw is a function
 * of the seed, the stream's name and, for keyed draws, the key and how often it was drawn: a run
 * repeats itself. Unseeded, draws come from the operating system (crypto), as before seeds.
 */
export interface Random {
  /** The seed, or undefined for crypto randomness. */
  readonly seed: number | undefined
  /** Returns a number in [0, 1). */
  float(): number
  /** Returns an integer in [0, max). */
  int(max: number): number
  /** Returns `n` random bytes. */
  bytes(n: number): Buffer
  /** Returns the named stream (the same object on each call): its draws depend only on the seed and the name. */
  stream(name: string): Random
  /**
   * Returns a fresh stream for the k-th draw under `key` (k counts calls with that key): the draws
   * for one object (a UID for `pods/ns/name`) do not depend on the order other objects came in.
   */
  forKey(key: string): Random
}

/** Returns a random source: seeded when `seed` is given, crypto randomness otherwise. */
export function labRandom(seed?: number): Random {
  return seed === undefined ? systemRandom() : seededRandom(seed)
}

/** Returns crypto randomness behind the Random interface. */
export function systemRandom(): Random {
  // One read of the operating system's randomness serves many draws (a crypto call per draw cost
  // a request through the mesh a fifth of its time).
  let pool = Buffer.alloc(0)
  let at = 0
  const u32 = () => {
    if (at + 4 > pool.length) {
      pool = randomBytes(4096)
      at = 0
    }
    const v = pool.readUInt32BE(at)
    at += 4
    return v
  }
  const self: Random = {
    seed: undefined,
    float: () => u32() / 2 ** 32,
    int: (max) => u32() % max,
    bytes: (n) => randomBytes(n),
    stream: () => self,
    forKey: () => self,
  }
  return self
}

/** Returns a seeded source (xoshiro128** streams, each seeded by splitmix32 from the seed and its name). */
export function seededRandom(seed: number): Random {
  if (!Number.isInteger(seed)) throw new Error(`invalid seed ${seed}: want an integer`)
  return streamOf(seed, 'root')
}

function streamOf(seed: number, name: string): Random {
  const next = xoshiro128ss(seedWords(seed, name))
  const streams = new Map<string, Random>()
  const counts = new Map<string, number>()
  const self: Random = {
    seed,
    float: () => next() / 2 ** 32,
    int: (max) => Math.floor((next() / 2 ** 32) * max),
    bytes: (n) => {
      const b = Buffer.alloc(n)
      for (let i = 0; i < n; i += 4) {
        const w = next()
        for (let j = 0; j < 4 && i + j < n; j++) b[i + j] = (w >>> (8 * j)) & 0xff
      }
      return b
    },
    stream: (sub) => {
      let s = streams.get(sub)
      if (!s) streams.set(sub, (s = streamOf(seed, `${name}/${sub}`)))
      return s
    },
    forKey: (key) => {
      const k = counts.get(key) ?? 0
      counts.set(key, k + 1)
      return streamOf(seed, `${name}#${key}#${k}`)
    },
  }
  return self
}

/** Four 32-bit words from a seed and a name (FNV-1a over the name, then splitmix32). */
function seedWords(seed: number, name: string): [number, number, number, number] {
  let h = 0x811c9dc5 ^ (seed >>> 0) ^ Math.floor(seed / 2 ** 32)
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193)
  let x = h >>> 0
  const split = () => {
    x = (x + 0x9e3779b9) >>> 0
    let z = x
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
  return [split(), split(), split(), split()]
}

/**
 * Returns a fast source of floats in [0, 1) (xoshiro128**) seeded by four draws of `random`: a
 * component that draws on every request takes its numbers from it, seeded once, so a seeded lab
 * still repeats them and an unseeded one reads the system's randomness only once.
 */
export function fastFloats(random: () => number): () => number {
  const draw = () => Math.floor(random() * 0x100000000) >>> 0
  const s: [number, number, number, number] = [draw(), draw(), draw(), draw()]
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1
  const next = xoshiro128ss(s)
  return () => next() / 0x100000000
}

function xoshiro128ss(s: [number, number, number, number]): () => number {
  let [a, b, c, d] = s
  return () => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0
    const t = b << 9
    c ^= a
    d ^= b
    b ^= c
    a ^= d
    c ^= t
    d = rotl(d, 11)
    return r
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

// k8s.io/apimachinery/pkg/util/rand: consonants and digits without look-alikes.
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789'

/** Returns `n` characters of Kubernetes' name-suffix alphabet (rand.String). */
export function nameSuffix(r: Random, n: number): string {
  return Array.from({ length: n }, () => ALPHANUMS[r.int(ALPHANUMS.length)]).join('')
}

/** Returns a version 4 UUID drawn from `r`. */
export function randomUuid(r: Random): string {
  const b = r.bytes(16)
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
