import { createPublicKey, webcrypto, X509Certificate } from 'node:crypto'
import { expect } from 'chai'
import { createCa, generateRsaKeyPair } from '../../util/index.js'
import { Citadel } from './citadel.js'

describe('Citadel', () => {
  it('issues one certificate per service account, signed by the lab CA, with the SPIFFE URI SAN', async function () {
    this.timeout(20_000)
    const ca = await createCa('kubernetes')
    const c = new Citadel(ca)
    const a = await c.certFor('default', 'bookinfo-reviews')
    expect(await c.certFor('default', 'bookinfo-reviews')).to.equal(a)
    const x = new X509Certificate(a.certPem)
    expect(x.subjectAltName).to.equal('URI:spiffe://cluster.local/ns/default/sa/bookinfo-reviews')
    expect(x.verify(new X509Certificate(ca.certPem).publicKey)).to.equal(true)
    const s = (await c.secretFor('default', 'bookinfo-reviews')) as unknown as {
      type: string
      metadata: { name: string }
      data: Record<string, string>
    }
    expect([s.type, s.metadata.name]).to.deep.equal([
      'istio.io/key-and-cert',
      'istio.bookinfo-reviews',
    ])
    expect(Object.keys(s.data).sort()).to.deep.equal(['cert-chain.pem', 'key.pem', 'root-cert.pem'])
  })

  it('takes the workload keys from where it is told, and fails a certificate whose key failed', async function () {
    this.timeout(20_000)
    const ca = await createCa('kubernetes')
    const keys = await generateRsaKeyPair()
    const c = new Citadel(ca, { keys: () => Promise.resolve(keys) })
    const kp = await c.certFor('onap', 'default')
    const spki = Buffer.from(await webcrypto.subtle.exportKey('spki', keys.publicKey))
    const certKey = new X509Certificate(kp.certPem).publicKey.export({
      type: 'spki',
      format: 'der',
    })
    expect(certKey.equals(spki)).to.equal(true)
    expect(
      createPublicKey(kp.keyPem).export({ type: 'spki', format: 'der' }).equals(spki)
    ).to.equal(true)
    const broken = new Citadel(ca, { keys: () => Promise.reject(new Error('no key')) })
    const err = await broken.certFor('onap', 'default').then(
      () => undefined,
      (e: unknown) => e
    )
    expect((err as Error).message).to.equal('no key')
    // The next call tries again rather than keeping the failure.
    let calls = 0
    const flaky = new Citadel(ca, {
      keys: () => (++calls === 1 ? Promise.reject(new Error('no key')) : Promise.resolve(keys)),
    })
    await flaky.certFor('onap', 'default').catch(() => undefined)
    expect((await flaky.certFor('onap', 'default')).certPem).to.match(/BEGIN CERTIFICATE/)
    expect(calls).to.equal(2)
  })
})
