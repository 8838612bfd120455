import { webcrypto } from 'node:crypto'

/** The RSA keys the lab's certificates use (util/pki's): RSASSA-PKCS1-v1_5, SHA-256, 2048 bits. */
const RSA = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
}

/**
 * Starts generating `n` RSA key pairs (node:crypto only, nothing else to load), so that the
 * daemon's certificates need not wait for them: they generate on the thread pool while the
 * daemon loads its modules. A failure surfaces where a key is used, not as an unhandled rejection.
 */
export function earlyKeyPairs(n: number): Promise<webcrypto.CryptoKeyPair>[] {
  return Array.from({ length: n }, () => {
    const p = webcrypto.subtle.generateKey(RSA, true, [
      'sign',
      'verify',
    ]) as Promise<webcrypto.CryptoKeyPair>
    p.catch(() => undefined)
    return p
  })
}
