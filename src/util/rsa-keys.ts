import { webcrypto } from 'node:crypto'

/** The lab's certificate keys and signatures: RSASSA-PKCS1-v1_5, SHA-256, 2048 bits (as kubeadm's). */
export const RSA_KEY_ALG = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
}

/**
 * Starts generating one RSA key pair of the lab's kind (extractable, for sign and verify). Needs
 * node:crypto only, so a process may start it before it loads anything else.
 */
export function generateRsaKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(RSA_KEY_ALG, true, [
    'sign',
    'verify',
  ]) as Promise<webcrypto.CryptoKeyPair>
}
