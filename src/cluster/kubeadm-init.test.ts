import { expect } from 'chai'
import { kubeadmInit, parseJoinCommand } from './index.js'

describe('kubeadmInit()', () => {
  const hash = 'sha256:' + 'ab'.repeat(32)

  it('gives the join command as parts and as the text kubeadm 1.11 prints', () => {
    const init = kubeadmInit('127.0.10.104:6443', 'abcdef.0123456789abcdef', hash)
    expect(init.joinArgv).to.deep.equal([
      'kubeadm',
      'join',
      '127.0.10.104:6443',
      '--token',
      'abcdef.0123456789abcdef',
      '--discovery-token-ca-cert-hash',
      hash,
    ])
    expect(init.joinCommand).to.equal(init.joinArgv.join(' '))
    expect([init.endpoint, init.masterAddress]).to.deep.equal(['127.0.10.104:6443', '127.0.10.104'])
    expect(init.output).to.contain('Your Kubernetes master has initialized successfully!')
    expect(init.output.trimEnd().split('\n').at(-1)).to.equal(`  ${init.joinCommand}`)
    // The printed command reads back as kubeadm join reads it.
    const args = parseJoinCommand(init.joinArgv)
    expect([args.endpoint, args.token, args.caCertHashes]).to.deep.equal([
      init.endpoint,
      init.token,
      [hash],
    ])
  })

  it('pins a bare hex CA hash with its sha256: prefix, never twice', () => {
    const bare = kubeadmInit('10.0.0.1:6443', 'abcdef.0123456789abcdef', 'ab'.repeat(32))
    expect(bare.caCertHash).to.equal(hash)
    expect(kubeadmInit('10.0.0.1:6443', 'abcdef.0123456789abcdef', hash).caCertHash).to.equal(hash)
    expect(bare.caCertHash).not.to.match(/^sha256:sha256:/)
  })
})
