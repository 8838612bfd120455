/**
 * Sizes of the DNS messages of one A query as a pod's resolver sends it (glibc: no EDNS0 OPT
 * record) and CoreDNS 1.1.3 answers it: uncompressed (request.Scrub leaves compression off when
 * the answer fits the client's 512 bytes; BackendError never sets it), the kubernetes plugin's SOA
 * in the authority section of an NXDOMAIN in its zone (plugin.SOA: `ns.dns.<zone>`,
 * `hostmaster.<zone>`).
 */

const HEADER = 12
// QTYPE + QCLASS.
const QUESTION_TAIL = 4
// TYPE, CLASS, TTL, RDLENGTH.
const RR_FIXED = 10
// SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM.
const SOA_NUMBERS = 20

/** Returns the wire length of a fully qualified name (`a.b.` → 1+1+1+1+1). */
export function nameWireLength(fqdn: string): number {
  if (fqdn === '.') return 1
  const name = fqdn.endsWith('.') ? fqdn : `${fqdn}.`
  // Each label is its length byte plus its characters; the root label is one zero byte.
  return Buffer.byteLength(name, 'utf8') + 1
}

/** Returns the size of the query message for `fqdn`. */
export function querySize(fqdn: string): number {
  return HEADER + nameWireLength(fqdn) + QUESTION_TAIL
}

/**
 * Returns the size of the answer: one A record per address; for NXDOMAIN (no addresses) inside
 * the cluster zone, the zone's SOA; outside it, the bare header and question (the lab has no
 * upstream resolver to forward to).
 */
export function answerSize(
  fqdn: string,
  addresses: readonly string[] | undefined,
  zone: string
): number {
  const question = nameWireLength(fqdn) + QUESTION_TAIL
  if (addresses?.length)
    return HEADER + question + addresses.length * (nameWireLength(fqdn) + RR_FIXED + 4)
  const z = zone.endsWith('.') ? zone : `${zone}.`
  const inZone = fqdn.endsWith(`.${z}`) || fqdn === z
  if (!inZone) return HEADER + question
  const soa =
    nameWireLength(z) +
    RR_FIXED +
    nameWireLength(`ns.dns.${z}`) +
    nameWireLength(`hostmaster.${z}`) +
    SOA_NUMBERS
  return HEADER + question + soa
}
