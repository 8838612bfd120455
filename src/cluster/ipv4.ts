import { isIPv6 } from 'node:net'

/** An IPv4 network: its first address as an unsigned 32-bit number and its prefix length. */
export interface Ipv4Cidr {
  base: number
  prefix: number
}

/** Returns an IPv4 address as an unsigned 32-bit number, or undefined if it is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.')
  if (parts.length !== 4) return undefined
  let n = 0
  for (const p of parts) {
    // Go's net.ParseIP (since 1.17) refuses leading zeros, which could be read as octal.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > 255) return undefined
    n = n * 256 + Number(p)
  }
  return n
}

/** Returns the dotted-quad text of an unsigned 32-bit IPv4 address. */
export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** Returns true when the address lies in 127.0.0.0/8. */
export function isLoopbackIpv4(n: number): boolean {
  return n >>> 24 === 127
}

/** Returns the IPv4 network of a CIDR (host bits cleared, as net.ParseCIDR does), or undefined. */
export function parseIpv4Cidr(text: string): Ipv4Cidr | undefined {
  const m = /^([0-9.]+)\/(0|[1-9][0-9]?)$/.exec(text)
  const ip = m ? parseIpv4(m[1]!) : undefined
  const prefix = Number(m?.[2])
  if (ip === undefined || prefix > 32) return undefined
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
  return { base: (ip & mask) >>> 0, prefix }
}

/** Returns the family of a CIDR as net.ParseCIDR reads it, or undefined if it does not parse. */
export function cidrFamily(text: string): 'ipv4' | 'ipv6' | undefined {
  if (parseIpv4Cidr(text)) return 'ipv4'
  const m = /^([0-9A-Fa-f:.]+)\/(0|[1-9][0-9]{0,2})$/.exec(text)
  return m && isIPv6(m[1]!) && Number(m[2]) <= 128 ? 'ipv6' : undefined
}

/** Returns the text of a CIDR (`192.168.3.0/24`). */
export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.base)}/${cidr.prefix}`
}
