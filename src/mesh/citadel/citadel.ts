import type { webcrypto } from 'node:crypto'
import type { Secret } from '../../api/core-types.js'
import { createLeaf, type KeyPair } from '../../util/index.js'
import { SpareCpuKeys } from './spare-cpu-keys.js'

/** Citadel 1.0's workload certificate lifetime (`--workload-cert-ttl` 2160h). */
export const WORKLOAD_CERT_DAYS = 90

/** Citadel's secret type for workload keys and certificates. */
export const ISTIO_SECRET_TYPE = 'istio.io/key-and-cert'

/** Returns the SPIFFE identity of a service account. */
export function spiffeUri(namespace: string, sa: string): string {
  return `spiffe://cluster.local/ns/${namespace}/sa/${sa}`
}

/**
 * Citadel: issues each service account an X.509 certificate from the lab's CA with its SPIFFE
 * identity as URI SAN, once, on first use (keys are RSA, as the lab's CA). Nothing waits for
 * the workload keys (the sidecars' istio-certs volume is optional), so by default they are made
 * on spare CPU (SpareCpuKeys) rather than beside the API server's work.
 */
export class Citadel {
  private ca: KeyPair
  private issued = new Map<string, Promise<KeyPair>>()
  private keys: () => Promise<webcrypto.CryptoKeyPair>

  /** `keys`: where the workload key pairs come from (default: a SpareCpuKeys of the lab's kind). */
  constructor(ca: KeyPair, o: { keys?: () => Promise<webcrypto.CryptoKeyPair> } = {}) {
    this.ca = ca
    if (o.keys) this.keys = o.keys
    else {
      const spare = new SpareCpuKeys()
      this.keys = () => spare.keyPair()
    }
  }

  /** Returns the CA certificate (`root-cert.pem`). */
  get rootCertPem(): string {
    return this.ca.certPem
  }

  /** Returns the key pair of a service account (issued on the first call). */
  certFor(namespace: string, sa: string): Promise<KeyPair> {
    const key = `${namespace}/${sa}`
    let p = this.issued.get(key)
    if (!p) {
      const keys = this.keys()
      // A failure surfaces where createLeaf awaits the keys, not as an unhandled rejection first.
      keys.catch(() => undefined)
      p = createLeaf(this.ca, {
        commonName: spiffeUri(namespace, sa),
        uris: [spiffeUri(namespace, sa)],
        usage: 'server',
        days: WORKLOAD_CERT_DAYS,
        keys,
      })
      this.issued.set(key, p)
      // A failed issue (its key generator stopped) is tried again on the next call.
      const issued = p
      p.catch(() => this.issued.get(key) === issued && this.issued.delete(key))
    }
    return p
  }

  /** Returns the `istio.<sa>` Secret Citadel writes for a service account. */
  async secretFor(namespace: string, sa: string): Promise<Secret> {
    const kp = await this.certFor(namespace, sa)
    const b64 = (s: string) => Buffer.from(s).toString('base64')
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: `istio.${sa}`,
        namespace,
        annotations: { 'istio.io/service-account.name': sa },
      },
      type: ISTIO_SECRET_TYPE,
      data: {
        'cert-chain.pem': b64(kp.certPem),
        'key.pem': b64(kp.keyPem),
        'root-cert.pem': b64(this.ca.certPem),
      },
    }
  }
}
