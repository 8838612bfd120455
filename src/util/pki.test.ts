import { expect } from 'chai'
import { X509Certificate } from 'node:crypto'
import { createCa, createLeaf } from './pki.js'

// Whether a leaf's signature verifies with the CA certificate's public key.
function signedBy(leafPem: string, caPem: string): boolean {
  return new X509Certificate(leafPem).verify(new X509Certificate(caPem).publicKey)
}

describe('createLeaf', () => {
  it('signs every leaf with the CA it is given, also when the CA object gets another CA', async () => {
    const [a, b] = await Promise.all([createCa('ca-a'), createCa('ca-b')])
    const ca = { ...a }
    const first = await createLeaf(ca, { commonName: 'one', usage: 'server' })
    const second = await createLeaf(ca, { commonName: 'two', usage: 'client' })
    expect(signedBy(first.certPem, a.certPem)).to.equal(true)
    expect(signedBy(second.certPem, a.certPem)).to.equal(true)
    expect(new X509Certificate(second.certPem).issuer).to.equal('CN=ca-a')
    // The same object now holding CA b: its leaves are b's, not a's remembered parse.
    Object.assign(ca, b)
    const third = await createLeaf(ca, { commonName: 'three', usage: 'server' })
    expect(signedBy(third.certPem, b.certPem)).to.equal(true)
    expect(signedBy(third.certPem, a.certPem)).to.equal(false)
    expect(new X509Certificate(third.certPem).issuer).to.equal('CN=ca-b')
  })

  it('fails on a CA whose key does not parse, and again on the next call', async () => {
    const ca = { ...(await createCa('ca-c')), keyPem: 'not a key' }
    for (let i = 0; i < 2; i++) {
      const err = await createLeaf(ca, { commonName: 'x', usage: 'server' }).catch(
        (e: unknown) => e
      )
      expect(err).to.be.instanceOf(Error)
    }
  })
})
