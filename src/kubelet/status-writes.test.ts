import { expect } from 'chai'
import { join } from 'node:path'
import type { Obj } from '../api/types.js'
import { createSimPki, type SimPki } from '../backends/sim/index.js'
import { runStageCase } from '../testing/kubelet/run-stage-case.js'
import { loadStageCase } from '../testing/kubelet/stage-case.js'
import type { RecordedWrite } from '../testing/kubelet/write-recorder.js'
import { defaultBehaviourRegistry } from './load-behaviours.js'
import { SerialPuller } from './serial-puller.js'

// What the kubelet writes over a whole case, beyond the goldens: the 1.11 status manager's
// skipping of unchanged statuses and the node's serial image puller.
const DIR = join(import.meta.dirname, 'testdata', 'stages')
const run = (name: string, pki: SimPki) =>
  runStageCase(loadStageCase(join(DIR, `${name}.input.yaml`)), pki)

const statusPatches = (writes: readonly RecordedWrite[]) =>
  writes.filter((w) => w.channel === 'pod' && w.write.subresource === 'status')
const bodyOf = (w: RecordedWrite) => JSON.stringify((w.write.body as Obj).status)
const eventAt = (writes: readonly RecordedWrite[], reason: string, fieldPath: string) =>
  writes.filter(
    (w) => w.channel === 'event' && w.write.reason === reason && w.write.fieldPath === fieldPath
  )

describe('kubelet status writes', function () {
  let pki: SimPki
  before(async function () {
    this.timeout(30_000)
    pki = await createSimPki('10.96.0.1', [])
  })

  it('does not send a status equal to the last one it wrote (1.11 status manager: isStatusEqual)', async () => {
    const { writes } = await run('image-pull-backoff', pki)
    const patches = statusPatches(writes)
    expect(patches.length).to.be.greaterThan(2)
    for (let i = 1; i < patches.length; i++)
      expect(bodyOf(patches[i]!), `status write ${i + 1}`).to.not.equal(bodyOf(patches[i - 1]!))
    // The retried pull (Pulling, count 2) changes nothing in the status: no write at that instant.
    const retry = eventAt(writes, 'Pulling', 'spec.containers{app}')[1]
    expect(retry, 'the second Pulling event').to.not.equal(undefined)
    expect(patches.filter((p) => p.atMs === retry!.atMs)).to.deep.equal([])
  })

  it('still writes an unchanged status while the pod is being deleted (SetPodStatus forces it once deletionTimestamp is set)', async () => {
    const { writes } = await run('delete-grace-period', pki)
    const killing = eventAt(writes, 'Killing', 'spec.containers{web}')[0]
    expect(killing, 'the Killing event').to.not.equal(undefined)
    const patches = statusPatches(writes)
    const at = patches.findIndex((p) => p.atMs === killing!.atMs)
    expect(at, 'a status write at the Killing instant').to.be.greaterThan(0)
    expect(bodyOf(patches[at]!)).to.equal(bodyOf(patches[at - 1]!))
  })

  it("pulls one image at a time on the node (1.11 serialImagePuller): istio-proxy's pull waits for the app's", async () => {
    const { writes } = await run('sidecar-injected', pki)
    const pulling = (c: string) => eventAt(writes, 'Pulling', `spec.containers{${c}}`)[0]!.atMs
    const pulled = (c: string) => eventAt(writes, 'Pulled', `spec.containers{${c}}`)[0]!.atMs
    expect(pulling('web')).to.equal(pulling('istio-proxy'))
    const proxy = defaultBehaviourRegistry().resolve({
      image: 'docker.io/istio/proxyv2:1.0.6',
      containerName: 'istio-proxy',
    })
    expect(proxy.pullSeconds).to.be.greaterThan(0)
    expect(pulled('istio-proxy') - pulled('web')).to.equal(proxy.pullSeconds * 1000)
  })
})

describe('SerialPuller', () => {
  it('starts a pull when the one before it ends, first come first served', () => {
    const p = new SerialPuller()
    expect(p.queue(0, 1000)).to.equal(1000)
    expect(p.queue(0, 2000)).to.equal(3000)
    expect(p.queue(500, 1000)).to.equal(3500)
  })

  it('starts at once when the puller is idle (negative case)', () => {
    const p = new SerialPuller()
    expect(p.queue(0, 1000)).to.equal(1000)
    expect(p.queue(5000, 1000)).to.equal(1000)
    expect(p.queue(5000, 0)).to.equal(1000)
  })
})
