import { expect } from 'chai'
import { createActionContext } from './action-context.js'
import { fakeRunner } from '../testing/install/fake-runner.js'
import { createStatusPrinter } from './status-printer.js'
import { testOptions } from '../testing/install/lab-options.js'
import { memoryTranscript } from './transcript.js'
import { deploymentStates, isAvailable, POLL_MS, waitForDeployments } from './wait-deployments.js'

const deploy = (
  name: string,
  replicas: number,
  available: number,
  generation = 1,
  observed = 1
) => ({
  metadata: { name, generation },
  spec: { replicas },
  status: {
    observedGeneration: observed,
    updatedReplicas: available,
    availableReplicas: available,
  },
})
const list = (...items: unknown[]) => JSON.stringify({ kind: 'List', items })

describe('deploymentStates()', () => {
  it('reads desired, updated and available replicas and whether the spec was observed', () => {
    const states = deploymentStates(
      list(deploy('a', 2, 2), deploy('b', 1, 0), deploy('c', 1, 1, 3, 2), {
        metadata: { name: 'd' },
      })
    )
    expect(states.map((s) => [s.name, isAvailable(s)])).to.deep.equal([
      ['a', true],
      ['b', false],
      ['c', false],
      ['d', false],
    ])
    expect(states[3]).to.deep.equal({
      name: 'd',
      desired: 1,
      updated: 0,
      available: 0,
      observed: false,
    })
  })
})

describe('waitForDeployments()', () => {
  function ctx(replies: string[]) {
    let t = 0
    const runner = fakeRunner(() => ({
      stdout: replies.length > 1 ? replies.shift()! : replies[0]!,
    }))
    const c = createActionContext({
      options: testOptions({ stateDir: '/nonexistent/state' }),
      status: createStatusPrinter({ write: () => undefined, tty: false }),
      run: runner.run,
      transcript: memoryTranscript(),
      now: () => t,
      sleep: (ms) => Promise.resolve(void (t += ms)),
    })
    return { c, runner }
  }

  it('polls until every Deployment is available, writing the poll to the transcript once', async () => {
    const { c, runner } = ctx([
      list(deploy('a', 1, 0)),
      list(deploy('a', 1, 0)),
      list(deploy('a', 1, 1)),
    ])
    const states = await waitForDeployments(c, { namespace: 'onap', timeoutMs: 60_000 })
    expect(states.map((s) => s.name)).to.deep.equal(['a'])
    expect(runner.calls).to.have.length(3)
    // Two sleeps of POLL_MS between the three polls: a rollout is seen a tenth of a second after it ends.
    expect(c.now()).to.equal(2 * POLL_MS)
    expect(POLL_MS).to.equal(100)
    expect(c.transcript.lines()).to.deep.equal([
      '# polled until every Deployment in onap is available; by hand: kubectl wait --for=condition=available deployment --all -n onap --timeout=60s',
      'kubectl get deployments -n onap -o json',
    ])
  })

  it('times out listing the Deployments that are not available', async () => {
    const { c } = ctx([
      list(deploy('msb-consul', 1, 1), deploy('msb-iag', 2, 1), deploy('vfc-nslcm', 1, 0)),
    ])
    const err = await waitForDeployments(c, { namespace: 'onap', timeoutMs: 5000 }).catch(
      (e: Error) => e
    )
    expect((err as Error).message).to.equal(
      'timed out after 5.0s waiting for 2 of 3 Deployments in onap: msb-iag (1/2 available), vfc-nslcm (0/1 available)'
    )
  })
})
