import { expect } from 'chai'
import { listeningContainer, PodDirectory, podEntry } from './pod-directory.js'
import { pod } from '../testing/network/objects.js'

describe('PodDirectory', () => {
  it('gives a pod its network identity: IP, node, labels, service account, sidecar', () => {
    const e = podEntry(
      pod('web-1', '10.244.1.2', {
        node: 'w1',
        sidecar: true,
        labels: { app: 'web', version: 'v2' },
      })
    )!
    expect(e.info).to.deep.include({
      namespace: 'default',
      name: 'web-1',
      ip: '10.244.1.2',
      nodeName: 'w1',
      serviceAccount: 'default',
      hasSidecar: true,
      labels: { app: 'web', version: 'v2' },
    })
    expect(podEntry(pod('x', ''))).to.equal(undefined)
  })

  it('accepts a connection only while the pod is Running and the listening container runs', () => {
    expect(
      listeningContainer(podEntry(pod('a', '10.0.0.1', { ports: [80, 8080] }))!, 8080)
    ).to.equal('app')
    expect(listeningContainer(podEntry(pod('a', '10.0.0.1', { running: false }))!, 8080)).to.equal(
      undefined
    )
    expect(
      listeningContainer(podEntry(pod('a', '10.0.0.1', { phase: 'Pending' }))!, 8080)
    ).to.equal(undefined)
    expect(listeningContainer(podEntry(pod('a', '10.0.0.1', { sidecar: true }))!, 15090)).to.equal(
      'istio-proxy'
    )
  })

  it('refuses everything of a pod whose sidecar is not running (its iptables catch the port)', () => {
    const p = pod('a', '10.0.0.1', { sidecar: true })
    const status = p.status as { containerStatuses: { name: string; state: object }[] }
    status.containerStatuses[1]!.state = { waiting: {} }
    expect(listeningContainer(podEntry(p)!, 8080)).to.equal(undefined)
  })

  it('finds pods by IP and name, and forgets a deleted pod or one that lost its IP', () => {
    const d = new PodDirectory()
    d.set(pod('a', '10.0.0.1'))
    expect(d.byAddress('10.0.0.1')!.info.name).to.equal('a')
    d.set(pod('a', '10.0.0.2'))
    expect(d.byAddress('10.0.0.1')).to.equal(undefined)
    expect(d.byName('default', 'a')!.info.ip).to.equal('10.0.0.2')
    d.set(pod('a', ''))
    expect(d.byName('default', 'a')).to.equal(undefined)
    d.set(pod('b', '10.0.0.3'))
    d.remove(pod('b', '10.0.0.3'))
    expect([...d.all()]).to.deep.equal([])
  })
})
