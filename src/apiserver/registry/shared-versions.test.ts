import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import { PatchType, type KubeClient } from '../../client/index.js'
import { NS, PODS, pod, startTestCluster } from '../../testing/apiserver/index.js'

describe('GenericRegistry: versions of a stored object', () => {
  let cluster: StartedSimCluster
  let client: KubeClient
  before(async () => {
    cluster = await startTestCluster()
    client = cluster.client('shared-versions')
    await client.create(NS, { metadata: { name: 'sv' } })
  })
  after(() => cluster.stop())
  const stored = (name: string) =>
    cluster.api.store.peek({ storage: 'pods', namespace: 'sv', name }) as KubeObject

  it('shares what a status write leaves alone with the version before, which stays as it was', async () => {
    await client.create(PODS, pod('a', 'sv'))
    const before = stored('a')
    const text = JSON.stringify(before)
    await client.patch(PODS, 'a', 'sv', { status: { phase: 'Running' } }, PatchType.merge, {
      subresource: 'status',
    })
    const after = stored('a')
    expect(after.status).to.nested.include({ phase: 'Running' })
    expect(after.spec).to.equal(before.spec)
    expect(after.metadata).to.not.equal(before.metadata)
    expect(JSON.stringify(before)).to.equal(text)
  })

  it('binds a pod without changing the version before', async () => {
    await client.create(PODS, pod('b', 'sv'))
    const before = stored('b')
    const text = JSON.stringify(before)
    await client.post(PODS, 'b', 'sv', 'binding', {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: 'b' },
      target: { apiVersion: 'v1', kind: 'Node', name: 'n1' },
    })
    expect(stored('b').spec).to.nested.include({ nodeName: 'n1' })
    expect(JSON.stringify(before)).to.equal(text)
  })

  it('marks an object deleted (finalizer) without changing the version before', async () => {
    await client.create(PODS, {
      ...pod('d', 'sv'),
      metadata: { name: 'd', namespace: 'sv', finalizers: ['example.com/hold'] },
    })
    const before = stored('d')
    const text = JSON.stringify(before)
    await client.delete(PODS, 'd', 'sv', { gracePeriodSeconds: 0 })
    const after = stored('d')
    expect(after.metadata.deletionTimestamp).to.be.a('string')
    expect(after.metadata.finalizers).to.deep.equal(['example.com/hold'])
    expect(after.spec).to.equal(before.spec)
    expect(before.metadata.deletionTimestamp).to.equal(undefined)
    expect(JSON.stringify(before)).to.equal(text)
  })

  it('keeps a no-op status write from storing anything (same resourceVersion)', async () => {
    await client.create(PODS, pod('c', 'sv'))
    const rv = stored('c').metadata.resourceVersion
    await client.patch(PODS, 'c', 'sv', { status: {} }, PatchType.merge, { subresource: 'status' })
    expect(stored('c').metadata.resourceVersion).to.equal(rv)
    await client.patch(PODS, 'c', 'sv', { status: { phase: 'Failed' } }, PatchType.merge, {
      subresource: 'status',
    })
    expect(stored('c').metadata.resourceVersion).to.not.equal(rv)
  })
})
