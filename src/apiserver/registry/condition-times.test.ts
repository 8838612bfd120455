import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import { dig, pod, PODS, useClientHarness } from '../../testing/apiserver/index.js'

// A condition's times are metav1.Time values in the Go types, not pointers: a status patch that
// nulls or leaves out lastProbeTime is stored (and served) with `lastProbeTime: null`.
describe('conditions keep their time fields as the Go types do', () => {
  const { client, namespace } = useClientHarness('ctimes')
  const SMP = 'application/strategic-merge-patch+json'

  it('a pods/status patch that nulls lastProbeTime stores null, not an absent field', async () => {
    const ns = await namespace()
    await client.create(PODS, pod('p', ns))
    const condition = { type: 'PodScheduled', status: 'True', lastProbeTime: null }
    await client.patch(PODS, 'p', ns, { status: { conditions: [condition] } }, SMP, {
      subresource: 'status',
    })
    const got = await client.get<KubeObject>(PODS, 'p', ns)
    const c = (dig(got, 'status.conditions') as Record<string, unknown>[])[0]!
    expect(c).to.have.property('lastProbeTime', null)
    expect(c).to.have.property('lastTransitionTime', null)
  })

  it('a patch that only restates the times writes nothing (the stored object is unchanged)', async () => {
    const ns = await namespace()
    await client.create(PODS, pod('p', ns))
    const condition = { type: 'Ready', status: 'False', lastProbeTime: null }
    const opts = { subresource: 'status' }
    const patchStatus = () =>
      client.patch<KubeObject>(PODS, 'p', ns, { status: { conditions: [condition] } }, SMP, opts)
    const first = await patchStatus()
    const again = await patchStatus()
    expect(again.metadata.resourceVersion).to.equal(first.metadata.resourceVersion)
  })

  it('leaves conditions that carry their times alone (negative case)', async () => {
    const ns = await namespace()
    await client.create(PODS, pod('p', ns))
    const t = '2024-05-01T10:00:00Z'
    const condition = { type: 'Ready', status: 'True', lastProbeTime: t, lastTransitionTime: t }
    await client.patch(PODS, 'p', ns, { status: { conditions: [condition] } }, SMP, {
      subresource: 'status',
    })
    const got = await client.get<KubeObject>(PODS, 'p', ns)
    expect(dig(got, 'status.conditions')).to.deep.equal([condition])
  })
})
