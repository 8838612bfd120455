import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
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

  constructor(o: AddressClaimsOptions = {}) {
    this.dir = o.dir ?? defaultClaimsDir()
    this.isLive = o.isLive ?? ((d) => new StateDir(d).livePid() !== undefined)
  }

  /** Returns the state dir of another live lab holding the address, if any. */
  holder(address: string, stateDir: string): string | undefined {
    let owner: string
    try {
      owner = readFileSync(join(this.dir, address), 'utf8').trim()
    } catch {
      return undefined
    }
    if (owner === resolve(stateDir) || !this.isLive(owner)) return undefined
    return owner
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

  /** Claims the addresses for the lab of `stateDir`. */
  claim(addresses: readonly string[], stateDir: string): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    for (const a of addresses) writeFileSync(join(this.dir, a), `${resolve(stateDir)}\n`)
  }
}
