/**
 * Hands out pod IPs from a node's pod CIDR, lowest free first from `.2` on (`.0` is the network,
 * `.1` the node's bridge), and takes them back when pods go away.
 */
export class PodIpAllocator {
  private base: number
  private size: number
  private used = new Map<number, string>()
  private byOwner = new Map<string, number>()
  /** No address below this one is free (the search for the lowest free one starts here). */
  private lowestFree: number

  constructor(podCIDR: string) {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(podCIDR)
    if (!m) throw new Error(`failed to parse pod CIDR "${podCIDR}": want an IPv4 CIDR`)
    const prefix = Number(m[5])
    const ip = [1, 2, 3, 4].reduce((acc, i) => acc * 256 + Number(m[i]), 0)
    this.size = 2 ** (32 - prefix)
    this.base = ip - (ip % this.size)
    this.lowestFree = this.base + 2
  }

  /** Returns the IP of a pod (the same one on every call), allocating one if needed. */
  allocate(owner: string): string {
    const held = this.byOwner.get(owner)
    if (held !== undefined) return format(held)
    for (let n = this.lowestFree; n < this.base + this.size - 1; n++) {
      if (!this.used.has(n)) {
        this.take(n, owner)
        this.lowestFree = n + 1
        return format(n)
      }
    }
    throw new Error(`failed to allocate an IP for ${owner}: the pod CIDR is full`)
  }

  /** Reserves a given IP for a pod (one it already had), when it is in range and free. */
  reserve(owner: string, ip: string): boolean {
    const n = parse(ip)
    if (n === undefined || n < this.base + 2 || n >= this.base + this.size - 1) return false
    const holder = this.used.get(n)
    if (holder !== undefined && holder !== owner) return false
    this.take(n, owner)
    return true
  }

  /** Frees a pod's IP. */
  release(owner: string): void {
    for (const n of this.held.get(owner) ?? []) {
      this.used.delete(n)
      if (n < this.lowestFree) this.lowestFree = n
    }
    this.held.delete(owner)
    this.byOwner.delete(owner)
  }

  /** Every address an owner holds (reserve may give one owner more than one). */
  private held = new Map<string, number[]>()

  private take(n: number, owner: string): void {
    this.used.set(n, owner)
    if (!this.byOwner.has(owner)) this.byOwner.set(owner, n)
    const list = this.held.get(owner)
    if (!list) this.held.set(owner, [n])
    else if (!list.includes(n)) list.push(n)
  }
}

function format(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')
}

function parse(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip)
  return m ? [1, 2, 3, 4].reduce((acc, i) => acc * 256 + Number(m[i]), 0) : undefined
}
