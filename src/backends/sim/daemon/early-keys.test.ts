import { expect } from 'chai'
import { X509Certificate, webcrypto } from 'node:crypto'
import { addKeyPairs, createCa, createLeaf } from '../../../util/index.js'
import { earlyKeyPairs } from './early-keys.js'

/** The DER of a public key, to tell keys apart. */
async function spki(key: webcrypto.CryptoKey): Promise<string> {
  return Buffer.from(await webcrypto.subtle.exportKey('spki', key)).toString('hex')
}

function certKey(pem: string): string {
  return new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' }).toString('hex')
}

describe('earlyKeyPairs()', function () {
  this.timeout(20_000)

  it('gives pki its keys: the first certificates take them in order, later ones new keys', async () => {
    const early = earlyKeyPairs(2)
    expect(early).to.have.length(2)
    const [k1, k2] = await Promise.all(early.map(async (p) => spki((await p).publicKey)))
    expect(k1).to.not.equal(k2)
    addKeyPairs(early)
    const ca = await createCa('kubernetes')
    const leaf = await createLeaf(ca, { commonName: 'kube-apiserver', usage: 'server' })
    const next = await createLeaf(ca, { commonName: 'kubernetes-admin', usage: 'client' })
    expect(certKey(ca.certPem)).to.equal(k1)
    expect(certKey(leaf.certPem)).to.equal(k2)
    expect(certKey(next.certPem)).to.not.be.oneOf([k1, k2])
    // The leaf is still signed by the CA whose key came first.
    const caKey = new X509Certificate(ca.certPem).publicKey
    expect(new X509Certificate(leaf.certPem).verify(caKey)).to.equal(true)
  })

  it('refuses a key pair of another kind, naming what it is', async () => {
    const ec = webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ]) as Promise<webcrypto.CryptoKeyPair>
    addKeyPairs([ec])
    const err = await createCa('kubernetes').catch((e: Error) => e)
    expect((err as Error).message).to.match(
      /^failed to use a key pair generated ahead: it is ECDSA .*not RSASSA-PKCS1-v1_5 2048 SHA-256/
    )
    // The refused key is used up: the next certificate gets a new RSA key.
    const ca = await createCa('kubernetes')
    expect(new X509Certificate(ca.certPem).publicKey.asymmetricKeyType).to.equal('rsa')
  })
})
