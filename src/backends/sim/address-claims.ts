import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { formatIpv4, isLoopbackIpv4, parseIpv4 } from '../../cluster/index.js'
import { StateDir } from '../state-dir.js'

/** How far a lab moves its node addresses when the profile's are taken: one /24 at a time. */
export const ADDRESS_BLOCK = 256

/** What the claims need to know of the machine. */
export interface AddressClaimsOptions {
  /** Where claims live (one file per address naming the lab's state dir). */
  dir?: string
  /** Returns true when the lab of that state dir is running (default: its daemon's pid lives). */
  isLive?: (stateDir: string) => boolean
  /** Returns true when the process that wrote a claim still runs (default: signal 0 reaches it). */
  claimerLive?: (pid: number) => boolean
}

/**
 * How long a claim counts while only the process that wrote it runs: a `lab:up` claims its
 * addresses before its daemon starts, and another lab starting meanwhile must not take them.
 */
export const CLAIM_START_MS = 120_000

// How long a claims lock may be held before it is taken as left behind by a killed process.
const LOCK_STALE_MS = 10_000
const LOCK_WAIT_MS = 15_000

function processLives(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** Returns the machine-wide folder of address claims (per user, in the temp dir). */
export function defaultClaimsDir(): string {
  return join(tmpdir(), `onap-mesh-lab-${process.getuid?.() ?? 'user'}`, 'claims')
}

/**
 * Claims node addresses so that two labs on one machine never share NodePorts: every address is a
 * file naming the state dir of the lab that holds it. A claim counts while that lab's daemon
 * lives; a lab that went down leaves a stale claim that the next lab takes over.
 */
export class AddressClaims {
  private dir: string
  private isLive: (stateDir: string) => boolean
  private claimerLive: (pid: number) => boolean

  constructor(o: AddressClaimsOptions = {}) {
    this.dir = o.dir ?? defaultClaimsDir()
    this.isLive = o.isLive ?? ((d) => new StateDir(d).livePid() !== undefined)
    this.claimerLive = o.claimerLive ?? processLives
  }

  /**
   * Runs `fn` (typically freeOffset then claim) while holding the machine-wide claims lock, so two
   * labs starting at the same moment never both pick the same free block.
   */
  locked<T>(fn: () => T): T {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    const lock = join(this.dir, '.lock')
    const deadline = Date.now() + LOCK_WAIT_MS
    for (;;) {
      try {
        mkdirSync(lock)
        break
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
        let age = 0
        try {
          age = Date.now() - statSync(lock).mtimeMs
        } catch {
          continue
        }
        if (age > LOCK_STALE_MS) {
          rmSync(lock, { recursive: true, force: true })
          continue
        }
        if (Date.now() > deadline)
          throw new Error(`failed to take the node address claims lock ${lock}: held for ${age} ms`)
        sleepSync(20)
      }
    }
    try {
      return fn()
    } finally {
      rmSync(lock, { recursive: true, force: true })
    }
  }

  /** Returns the state dir of another live lab holding the address, if any. */
  holder(address: string, stateDir: string): string | undefined {
    let lines: string[]
    let age: number
    try {
      const file = join(this.dir, address)
      lines = readFileSync(file, 'utf8').trim().split('\n')
      age = Date.now() - statSync(file).mtimeMs
    } catch {
      return undefined
    }
    const owner = lines[0] ?? ''
    const claimer = Number(lines[1])
    if (owner === resolve(stateDir)) return undefined
    // A lab that is starting (its lab:up runs, no daemon yet) holds its claims for a while too;
    // one taken down has no state dir any more.
    const starting =
      Number.isInteger(claimer) &&
      claimer > 0 &&
      age < CLAIM_START_MS &&
      this.claimerLive(claimer) &&
      existsSync(owner)
    return this.isLive(owner) || starting ? owner : undefined
  }

  /**
   * Returns the smallest offset (a multiple of ADDRESS_BLOCK, 0 first) at which no address is held
   * by another live lab and all stay in 127.0.0.0/8; throws when none is left.
   */
  freeOffset(addresses: readonly string[], stateDir: string): number {
    const numbers = addresses.map((a) => parseIpv4(a)).filter((n) => n !== undefined)
    for (let offset = 0; offset < ADDRESS_BLOCK * 64; offset += ADDRESS_BLOCK) {
      const moved = numbers.map((n) => n + offset)
      if (!moved.every(isLoopbackIpv4)) break
      if (moved.every((n) => this.holder(formatIpv4(n), stateDir) === undefined)) return offset
    }
    throw new Error(
      `failed to find free node addresses: ${addresses.join(', ')} and the blocks after them are held by other labs (see ${this.dir})`
    )
  }

  /** Claims the addresses for the lab of `stateDir`, naming this process as the claimer. */
  claim(addresses: readonly string[], stateDir: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    for (const a of addresses)
      writeFileSync(join(this.dir, a), `${resolve(stateDir)}\n${process.pid}\n`)
  }
}
