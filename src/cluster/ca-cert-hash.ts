import { createHash, X509Certificate } from 'node:crypto'

/**
 * Returns the `--discovery-token-ca-cert-hash` of a CA certificate as kubeadm computes it:
 * `sha256:` and the hex SHA-256 of the certificate's DER SubjectPublicKeyInfo (RFC 7469 style).
 * Only the first certificate of a PEM bundle counts.
 */
export function caCertHash(caCertPem: string): string {
  let cert: X509Certificate
  try {
    cert = new X509Certificate(caCertPem)
  } catch (err) {
    throw new Error(`failed to parse the CA certificate: ${(err as Error).message}`, { cause: err })
  }
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' })
  return `sha256:${createHash('sha256').update(spki).digest('hex')}`
}
