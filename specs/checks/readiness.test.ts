import { expect } from 'chai'
import {
  failureOf,
  fakeRun,
  loadExpectations,
  readSpecEnv,
  type FakeRun,
} from '../support/index.js'
import { checkDeploymentsAvailable, checkIstioPods, checkOnapPods } from './readiness.js'

describe('readiness checks', () => {
  let run: FakeRun
  const setup = (policy: string) => {
    run = fakeRun(loadExpectations({ ...readSpecEnv({}), policy }))
  }
  beforeEach(() => setup('disabled'))

  for (const policy of ['disabled', 'enabled']) {
    it(`pass on a ready lab under policy ${policy}`, async () => {
      setup(policy)
      await checkOnapPods(run.client, run.expected)
      await checkIstioPods(run.client, run.expected)
      await checkDeploymentsAvailable(run.client, run.expected)
    })
  }

  it('name a deployment scaled to 0 (no pod, 0/0 replicas)', async () => {
    run.lab.pods = run.lab.pods.filter((p) => !p.metadata?.name?.startsWith('vfc-vfc-catalog-'))
    const d = run.lab.deployments.find((x) => x.metadata?.name === 'vfc-vfc-catalog')!
    d.spec!.replicas = 0
    d.status = {
      replicas: 0,
      readyReplicas: 0,
      conditions: [{ type: 'Available', status: 'True' }],
    }
    const pods = await failureOf(checkOnapPods(run.client, run.expected))
    expect(pods).to.contain(
      'pods in onap (policy disabled): 1 missing; 25 of 26 expected rows match'
    )
    expect(pods).to.match(/missing +vfc-vfc-catalog +\* +2\/2 +Running +<=3/)
    const available = await failureOf(checkDeploymentsAvailable(run.client, run.expected))
    expect(available).to.match(/actual +onap\/vfc-vfc-catalog +0\/0 \* +True/)
  })

  it('name a pod whose READY is not the policy count, and one restarting too often', async () => {
    const proxy = run.lab.pods.find((p) => p.metadata?.name?.startsWith('msb-msb-consul-'))!
    proxy.status!.containerStatuses![1]!.ready = false
    const vnflcm = run.lab.pods.find((p) => p.metadata?.name?.startsWith('vfc-vfc-vnflcm-'))!
    vnflcm.status!.containerStatuses![0]!.restartCount = 7
    const message = await failureOf(checkOnapPods(run.client, run.expected))
    expect(message).to.match(/expected +msb-msb-consul +\* +2\/2 +Running +<=3/)
    expect(message).to.match(/actual +msb-msb-consul +msb-msb-consul-\S+ +1\/2 \* +Running +0/)
    expect(message).to.match(/actual +vfc-vfc-vnflcm +\S+ +2\/2 +Running +7 \*/)
  })

  it('name a pod READY 2/2 where policy enabled wants 3/3 (the lab runs policy disabled)', async () => {
    const enabled = loadExpectations({ ...readSpecEnv({}), policy: 'enabled' })
    const message = await failureOf(checkOnapPods(run.client, enabled))
    expect(message).to.contain(
      'pods in onap (policy enabled): 19 differing; 7 of 26 expected rows match'
    )
    expect(message).to.match(/expected +multicloud-multicloud +\* +3\/3/)
    expect(message).to.match(/actual +multicloud-multicloud +\S+ +2\/2 \*/)
  })

  it('name a hook job that did not complete', async () => {
    const job = run.lab.pods.find((p) => p.metadata?.name?.startsWith('istio-cleanup-secrets-'))!
    job.status = {
      phase: 'Failed',
      containerStatuses: [
        {
          name: 'main',
          ready: false,
          restartCount: 0,
          state: { terminated: { exitCode: 1, reason: 'Error' } },
        },
      ],
    }
    const message = await failureOf(checkIstioPods(run.client, run.expected))
    expect(message).to.match(/actual +job\/istio-cleanup-secrets +\S+ +0\/1 +Error \*/)
  })
})
