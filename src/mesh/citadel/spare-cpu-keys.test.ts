import { webcrypto } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { expect } from 'chai'
import { RSA_KEY_ALG } from '../../util/index.js'
import { SPARE_CPU_NICE, SpareCpuKeys } from './spare-cpu-keys.js'

describe('SpareCpuKeys', () => {
  it('makes RSA key pairs of the lab kind in a process at the lowest priority, and stops when idle', async function () {
    this.timeout(20_000)
    const spare = new SpareCpuKeys({ idleMs: 50 })
    const [a, b] = await Promise.all([spare.generate(), spare.generate()])
    expect(a!.nice).to.equal(SPARE_CPU_NICE)
    // Where Linux groups sessions (autogroup), the generator's session is a group of its own,
    // niced: not the group this process runs in.
    if (existsSync('/proc/self/autogroup')) {
      expect(a!.group).to.match(new RegExp(`^/autogroup-\\d+ nice ${SPARE_CPU_NICE}$`))
      expect(a!.group.split(' ')[0]).to.not.equal(
        readFileSync('/proc/self/autogroup', 'utf8').split(' ')[0]
      )
    }
    const alg = a!.keys.privateKey.algorithm as webcrypto.RsaHashedKeyAlgorithm
    expect([alg.name, alg.modulusLength, (alg.hash as { name: string }).name]).to.deep.equal([
      RSA_KEY_ALG.name,
      RSA_KEY_ALG.modulusLength,
      RSA_KEY_ALG.hash,
    ])
    // Each pair is its own: a signature verifies with its public key and not with the other's.
    const data = Buffer.from('spiffe://cluster.local/ns/default/sa/default')
    const sig = await webcrypto.subtle.sign(RSA_KEY_ALG, a!.keys.privateKey, data)
    expect(await webcrypto.subtle.verify(RSA_KEY_ALG, a!.keys.publicKey, sig, data)).to.equal(true)
    expect(await webcrypto.subtle.verify(RSA_KEY_ALG, b!.keys.publicKey, sig, data)).to.equal(false)
    expect(spare.running).to.equal(true)
    await new Promise((r) => setTimeout(r, 300))
    expect(spare.running).to.equal(false)
    // A request after the worker stopped starts another one.
    expect((await spare.generate()).nice).to.equal(SPARE_CPU_NICE)
    spare.stop()
  })

  it('rejects a key it cannot make, naming it, and makes the next one', async function () {
    this.timeout(20_000)
    const bad = new SpareCpuKeys({ bits: 100 })
    const err = await bad.keyPair().then(
      () => undefined,
      (e: unknown) => e
    )
    expect(err).to.be.instanceOf(Error)
    expect((err as Error).message).to.equal('failed to generate an RSA 100 key pair on spare CPU')
    bad.stop()
    const spare = new SpareCpuKeys()
    const stopped = spare.keyPair()
    spare.stop()
    const why = await stopped.then(
      () => undefined,
      (e: unknown) => e
    )
    expect((why as Error).message).to.match(/failed to generate/)
    expect(((why as Error).cause as Error).message).to.equal('the key generator was stopped')
  })
})
