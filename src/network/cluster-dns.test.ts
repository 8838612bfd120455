import { expect } from 'chai'
import { lookupFqdn, resolveHostName, resolvePodName, searchPath } from './cluster-dns.js'
import { ServiceTable } from './service-table.js'
import { endpoints, service } from '../testing/network/objects.js'

describe('cluster DNS', () => {
  const table = new ServiceTable()
  table.setService(service('web', '10.96.0.10', [{ port: 80 }]))
  table.setService(service('msb-iag', '10.96.0.20', [{ port: 80 }], { namespace: 'onap' }))
  table.setService(service('db', 'None', [{ port: 5432 }]))
  table.setEndpoints(
    endpoints('db', ['10.244.1.5', '10.244.2.6'], [{ port: 5432 }], { notReady: ['10.244.1.9'] })
  )
  table.setService(service('empty', 'None', [{ port: 80 }]))

  it('gives a pod the search path of its namespace', () => {
    expect(searchPath('onap')).to.deep.equal([
      'onap.svc.cluster.local',
      'svc.cluster.local',
      'cluster.local',
    ])
    expect(searchPath('onap', 'lab.example')).to.deep.equal([
      'onap.svc.lab.example',
      'svc.lab.example',
      'lab.example',
    ])
  })

  it('resolves <svc>, <svc>.<ns>, <svc>.<ns>.svc and the FQDN from the same namespace', () => {
    for (const n of [
      'web',
      'web.default',
      'web.default.svc',
      'web.default.svc.cluster.local',
      'web.default.svc.cluster.local.',
    ])
      expect(resolvePodName(n, 'default', table), n).to.deep.equal(['10.96.0.10'])
  })

  it('resolves another namespace only when the name says which', () => {
    expect(resolvePodName('msb-iag', 'default', table)).to.equal(undefined)
    expect(resolvePodName('msb-iag.onap', 'default', table)).to.deep.equal(['10.96.0.20'])
    expect(resolvePodName('msb-iag', 'onap', table)).to.deep.equal(['10.96.0.20'])
  })

  it('resolves a headless Service to its ready pod IPs, and one without ready pods to nothing', () => {
    expect(resolvePodName('db', 'default', table)).to.deep.equal(['10.244.1.5', '10.244.2.6'])
    expect(resolvePodName('empty', 'default', table)).to.equal(undefined)
  })

  it('fails unknown names, other cluster domains and partial names', () => {
    expect(resolvePodName('nope', 'default', table)).to.equal(undefined)
    expect(resolvePodName('web.default.svc.other.local', 'default', table)).to.equal(undefined)
    expect(lookupFqdn('default.svc.cluster.local', table)).to.equal(undefined)
    expect(
      resolvePodName('web.default.svc.cluster.local', 'default', table, 'lab.example')
    ).to.equal(undefined)
  })

  it('passes IPv4 literals through and is case-insensitive', () => {
    expect(resolvePodName('10.1.2.3', 'default', table)).to.deep.equal(['10.1.2.3'])
    expect(resolvePodName('WEB.Default', 'default', table)).to.deep.equal(['10.96.0.10'])
  })

  it('resolves on the host only IPs and localhost', () => {
    expect(resolveHostName('127.0.10.104')).to.deep.equal(['127.0.10.104'])
    expect(resolveHostName('localhost')).to.deep.equal(['127.0.0.1'])
    expect(resolveHostName('web')).to.equal(undefined)
    expect(resolveHostName('web.default.svc.cluster.local')).to.equal(undefined)
    expect(resolveHostName('300.1.1.1')).to.equal(undefined)
  })
})
