import { expect } from 'chai'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { startSimCluster, type StartedSimCluster } from '../backends/sim/index.js'
import { createActionContext, type StartedActionContext } from './action-context.js'
import { newPipeline } from './pipeline.js'
import { runPipeline } from './run-pipeline.js'
import { createStatusPrinter } from './status-printer.js'
import { testOptions } from '../testing/install/lab-options.js'
import type { InstallOptions } from './action.js'

// The kubectl and helm steps, run for real against the simulated API server (which has no
// controllers here: the Istio and readiness waits are left to the lab's own integration).
describe('the install pipeline against the sim', function () {
  this.timeout(60_000)
  let sim: StartedSimCluster
  let options: InstallOptions
  let ctx: StartedActionContext
  const lines: string[] = []

  before(async () => {
    sim = await startSimCluster({
      kubernetesVersion: '1.11.1',
      clusterName: 'onap-mesh',
      serviceSubnet: '10.96.0.0/12',
    })
    options = testOptions({ backend: 'existing' })
    writeFileSync(options.kubeconfig, sim.kubeconfig(), { mode: 0o600 })
    ctx = createActionContext({
      options,
      status: createStatusPrinter({ write: (t) => void lines.push(t), tty: false }),
      verbose: true,
    })
  })
  after(async () => {
    await ctx.dispose()
    await sim.stop()
    rmSync(options.stateDir, { recursive: true, force: true })
  })

  it('labels onap, builds and serves the charts, installs the releases and lists onap', async () => {
    const skip = new Set(['istio', 'ready'])
    const actions = newPipeline(options).filter((a) => !skip.has(a.name))
    const r = await runPipeline(actions, ctx)
    expect(r.steps.map((s) => [s.name, s.ok])).to.deep.equal([
      ['namespace', true],
      ['chart-repo', true],
      ['charts', true],
      ['release-common', true],
      ['release-msb', true],
      ['release-vfc', true],
      ['release-multicloud', true],
      ['get-all', true],
    ])
    expect(r.output).to.have.length(1)
    expect(r.output[0]).to.match(/^\$ kubectl get all -n onap\n/)
    expect(r.output[0]).to.match(/^deployment\.\S+\/msb-msb-consul\s/m)

    const releases = (await ctx.helm(['list', '-n', 'onap', '-q'])).stdout
      .split('\n')
      .filter(Boolean)
    expect(releases.sort()).to.deep.equal(['common', 'msb', 'multicloud', 'vfc'])
    const out = lines.join('')
    expect(out).to.contain(' ✓ Building the ONAP charts (make all) (')
    expect(out).to.contain('   $ helm install msb local/msb --namespace onap\n')
  })

  it('wrote every command, in the order it ran, into the transcript', () => {
    const transcript = readFileSync(ctx.paths.transcript, 'utf8').split('\n')
    expect(transcript).to.include(`export KUBECONFIG=${options.kubeconfig}`)
    const at = (line: string) => transcript.indexOf(line)
    const order = [
      'kubectl create namespace onap',
      'kubectl label namespace onap istio-injection=enabled',
      'kubectl get namespace -L istio-injection',
      `helm repo add local ${ctx.cache.repoUrl!}`,
      `helm package ${ctx.paths.chartTree}/common/common --destination ${ctx.paths.dist}`,
      `helm dependency update ${ctx.paths.chartTree}/onap`,
      'helm search repo local',
      `helm install common local/onap --namespace onap -f ${ctx.paths.chartTree}/onap/resources/environments/disable-allcharts.yaml`,
      'helm install multicloud local/multicloud --namespace onap',
      'kubectl get all -n onap',
    ].map(at)
    expect(order).to.not.include(-1)
    expect(order).to.deep.equal([...order].sort((a, b) => a - b))
  })
})
