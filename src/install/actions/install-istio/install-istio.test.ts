import { expect } from 'chai'
import { join } from 'node:path'
import type { InstallBackend } from '../../action.js'
import { createActionContext } from '../../action-context.js'
import { loadInstallSteps } from '../../install-steps.js'
import { createStatusPrinter } from '../../status-printer.js'
import { memoryTranscript } from '../../transcript.js'
import { fakeRunner } from '../../../testing/install/fake-runner.js'
import { ROOT, testOptions } from '../../../testing/install/lab-options.js'
import { newAction } from './index.js'

const INJECTOR = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-sidecar-injector
  namespace: istio-system
data:
  config: |-
    policy: enabled
`
const AVAILABLE = JSON.stringify({ items: [] })
const NOT_SERVED =
  'error: resource mapping not found for name: "istio-policy" namespace: "istio-system" from "istio.yaml": ' +
  'no matches for kind "DestinationRule" in version "networking.istio.io/v1alpha3"\n' +
  'ensure CRDs are installed first\n'

/** Runs the Istio step against a cluster whose first apply meets custom resources before their CRDs. */
async function runIstio(backend: InstallBackend, firstApply = NOT_SERVED) {
  const step = loadInstallSteps(ROOT).find((s) => s.name === 'istio')!
  let applies = 0
  const runner = fakeRunner((line) => {
    if (line.startsWith('kubectl apply -f istio.yaml') && ++applies === 1)
      return { code: 1, stderr: firstApply }
    if (line.startsWith('kubectl get configmap')) return { stdout: INJECTOR }
    if (line.startsWith('kubectl get deployments')) return { stdout: AVAILABLE }
    if (line.startsWith('kubectl get svc')) return { stdout: 'istio-pilot istio-sidecar-injector' }
    return undefined
  })
  const slept: number[] = []
  const transcript = memoryTranscript()
  const options = testOptions({ backend })
  const ctx = createActionContext({
    options,
    status: createStatusPrinter({ write: () => undefined, tty: false }),
    run: runner.run,
    transcript,
    now: () => slept.reduce((a, b) => a + b, 0),
    sleep: (ms) => Promise.resolve(void slept.push(ms)),
  })
  const action = newAction(step, {
    manifest: 'istio.yaml',
    policy: 'enabled',
    injectorFile: join(options.stateDir, 'injector.yaml'),
  })
  let error: unknown
  try {
    await action.execute(ctx)
  } catch (err) {
    error = err
  }
  return { calls: runner.calls, slept, transcript: transcript.lines().join('\n'), error }
}

describe('install-istio: applying again when custom resources came before their CRDs', () => {
  it('on the sim applies again at once: its API server serves a CRD as soon as it is written', async () => {
    const r = await runIstio('sim')
    expect(r.error).to.equal(undefined)
    expect(r.calls.filter((c) => c === 'kubectl apply -f istio.yaml')).to.have.length(2)
    expect(r.slept).to.deep.equal([])
    expect(r.transcript).to.contain(
      '# custom resources came before their CRDs were served: apply again'
    )
  })

  it('on a real cluster waits a second for the CRDs to be established before applying again', async () => {
    const r = await runIstio('existing')
    expect(r.error).to.equal(undefined)
    expect(r.calls.filter((c) => c === 'kubectl apply -f istio.yaml')).to.have.length(2)
    expect(r.slept).to.deep.equal([1000])
  })

  it('does not apply again when the apply failed for another reason', async () => {
    const r = await runIstio('sim', 'error: error validating "istio.yaml": unknown field "foo"\n')
    expect(String(r.error)).to.contain('unknown field "foo"')
    expect(r.calls.filter((c) => c === 'kubectl apply -f istio.yaml')).to.have.length(1)
  })
})
