import { X509Certificate } from 'node:crypto'
import { expect } from 'chai'
import { createCa } from '../../util/index.js'
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
})
