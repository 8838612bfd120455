import { expect } from 'chai'
import { parseJsonPath } from './json-path.js'

const gateway = {
  metadata: { name: 'gw', labels: { 'app.kubernetes.io/name': 'istio' } },
  spec: {
    replicas: 2,
    servers: [
      { port: { number: 80, name: 'http' }, hosts: ['*'] },
      { port: { number: 443, name: 'https' }, hosts: ['a.example.com'] },
    ],
  },
  status: {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Synced', status: 'False' },
    ],
  },
}

const find = (path: string) => parseJsonPath(path).find(gateway)

describe('parseJsonPath()', () => {
  it('follows fields, indexes, wildcards and quoted or escaped keys', () => {
    expect(find('.spec.replicas')).to.deep.equal([2])
    expect(find('{.metadata.name}')).to.deep.equal(['gw'])
    expect(find('$.spec.servers[1].port.number')).to.deep.equal([443])
    expect(find('.spec.servers[-1].port.name')).to.deep.equal(['https'])
    expect(find('.spec.servers[*].port.number')).to.deep.equal([80, 443])
    expect(find(".metadata.labels['app.kubernetes.io/name']")).to.deep.equal(['istio'])
    expect(find('.metadata.labels.app\\.kubernetes\\.io/name')).to.deep.equal(['istio'])
    expect(find('.spec.servers[0].port.*')).to.deep.equal(['http', 80])
  })

  it('filters lists', () => {
    expect(find('.status.conditions[?(@.type=="Ready")].status')).to.deep.equal(['True'])
    expect(find(".status.conditions[?(@.type != 'Ready')].type")).to.deep.equal(['Synced'])
    expect(find('.spec.servers[?(@.port.number > 100)].port.name')).to.deep.equal(['https'])
    expect(find('.spec.servers[?(@.port.number<=80)].port.name')).to.deep.equal(['http'])
    expect(find('.spec.servers[?(@.hosts)].port.number')).to.deep.equal([80, 443])
  })

  it('returns nothing for missing keys, out-of-range indexes and fields of lists', () => {
    expect(find('.spec.missing.deeper')).to.deep.equal([])
    expect(find('.spec.servers[5]')).to.deep.equal([])
    expect(find('.spec.servers.port')).to.deep.equal([])
    expect(find('.status.conditions[?(@.type=="Nope")].status')).to.deep.equal([])
    expect(parseJsonPath('.a').find(null)).to.deep.equal([])
  })

  it('rejects syntax it does not support', () => {
    expect(() => parseJsonPath('..name')).to.throw(/recursive descent/)
    expect(() => parseJsonPath('.spec[')).to.throw(/unclosed/)
    expect(() => parseJsonPath('.spec[1:2]')).to.throw(/unsupported/)
    expect(() => parseJsonPath('spec')).to.throw(/unexpected/)
  })
})
