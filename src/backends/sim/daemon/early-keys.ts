import type { webcrypto } from 'node:crypto'
import { generateRsaKeyPair } from '../../../util/index.js'

/**
 * Starts generating `n` RSA key pairs of the lab's kind (util's rsa-keys needs node:crypto only,
 * and the bundle leaves the rest of util out of the daemon's first load), so that the daemon's
 * certificates need not wait for them: they generate on the thread pool while the daemon loads
 * its modules. A failure surfaces where a key is used, not as an unhandled rejection.
 */
export function earlyKeyPairs(n: number): Promise<webcrypto.CryptoKeyPair>[] {
  return Array.from({ length: n }, () => {
    const p = generateRsaKeyPair()
    p.catch(() => undefined)
    return p
  })
}
