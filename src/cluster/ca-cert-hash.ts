import { createHash, X509Certificate } from 'node:crypto'

/** The last certificate hashed and its hash. */
let last: { pem: string; hash: string } | undefined

/**
 * Returns the `--discovery-token-ca-cert-hash` of a CA certificate as kubeadm computes it:
 * `sha256:` and the hex SHA-256 of the certificate's DER SubjectPublicKeyInfo (RFC 7469 style).
 * Only the first certificate of a PEM bundle counts.
 */
export function caCertHash(caCertPem: string): string {
  // Every join of a lab checks the same CA: parse it once, not once per node.
  if (last?.pem === caCertPem) return last.hash
  let cert: X509Certificate
  try {
    cert = new X509Certificate(caCertPem)
  } catch (err) {
    throw new Error(`failed to parse the CA certificate: ${(err as Error).message}`, { cause: err })
  }
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' })
  const hash = `sha256:${createHash('sha256').update(spki).digest('hex')}`
  last = { pem: caCertPem, hash }
  return hash
}
