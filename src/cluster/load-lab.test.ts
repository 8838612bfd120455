import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'chai'
import { loadLab } from './load-lab.js'

const root = join(import.meta.dirname, '..', '..')
const read = (p: string) => readFileSync(p, 'utf8')
const files = {
  config: join(root, 'lab', 'kind-config.yaml'),
  profile: join(root, 'lab', 'lab.yaml'),
}

describe('loadLab()', () => {
  it('gives the nodes the profile addresses by default', () => {
    const def = loadLab(files, read)
    expect(def.topology.nodes.map((n) => n.address)).to.deep.equal([
      '127.0.10.104',
      '127.0.10.105',
      '127.0.10.106',
    ])
    expect(def.topology.apiServerEndpoint).to.equal('127.0.10.104:6443')
  })

  it('moves every node address, pinned ones included, by nodeAddressOffset', () => {
    const def = loadLab({ ...files, nodeAddressOffset: 256 }, read)
    expect(def.topology.nodes.map((n) => n.address)).to.deep.equal([
      '127.0.11.104',
      '127.0.11.105',
      '127.0.11.106',
    ])
    expect(def.topology.apiServerEndpoint).to.equal('127.0.11.104:6443')
  })
})
