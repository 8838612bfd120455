import { expect } from 'chai'
import { readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { parse } from 'yaml'
import type { InstallOptions } from './action.js'
import { createActionContext } from './action-context.js'
import type { ClusterOps } from './cluster-ops.js'
import type { CommandResult } from './command-runner.js'
import { fakeRunner } from '../testing/install/fake-runner.js'
import {
  INSTALL_STEPS_FILE,
  loadInstallSteps,
  parseInstallSteps,
  type InstallStep,
} from './install-steps.js'
import { newPipeline, planPipeline } from './pipeline.js'
import { runPipeline, StepError } from './run-pipeline.js'
import { createStatusPrinter } from './status-printer.js'
import { fakeClusterOps } from '../testing/install/fake-cluster-ops.js'
import { ROOT, testOptions } from '../testing/install/lab-options.js'
import { memoryTranscript } from './transcript.js'

const NODES = 'onap-mesh-control-plane onap-mesh-worker onap-mesh-worker2'
const INJECTOR = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-sidecar-injector
  namespace: istio-system
  resourceVersion: "42"
  uid: 0b0c
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: "{}"
data:
  config: |-
    policy: disabled
    template: |-
      containers: []
`
const AVAILABLE = JSON.stringify({
  items: [
    {
      metadata: { name: 'istio-pilot', generation: 1 },
      spec: { replicas: 1 },
      status: { observedGeneration: 1, updatedReplicas: 1, availableReplicas: 1 },
    },
  ],
})

/** Answers the kubectl commands of the master, join and Istio steps as a healthy cluster would. */
function cluster(line: string): Partial<CommandResult> | undefined {
  if (line.startsWith('kubectl get daemonset'))
    return { stdout: 'calico-etcd calico-node kube-proxy' }
  if (line.startsWith('kubectl get nodes')) return { stdout: NODES }
  if (line.startsWith('kubectl get configmap istio-sidecar-injector')) return { stdout: INJECTOR }
  if (line.startsWith('kubectl get deployments')) return { stdout: AVAILABLE }
  if (line.startsWith('kubectl get svc')) return { stdout: 'istio-pilot istio-sidecar-injector' }
  return undefined
}

function setup(options: InstallOptions, ops?: ClusterOps, reply: typeof cluster = cluster) {
  const runner = fakeRunner(reply)
  let t = 0
  const ctx = createActionContext({
    options,
    status: createStatusPrinter({ write: () => undefined, tty: false }),
    run: runner.run,
    transcript: memoryTranscript(),
    ...(ops ? { cluster: ops } : {}),
    now: () => t,
    sleep: (ms) => Promise.resolve(void (t += ms)),
  })
  return { ctx, runner }
}

describe('newPipeline()', () => {
  it("builds one action per step in the page's order, one per release of the profile", () => {
    const names = newPipeline(testOptions({ stateDir: '/s' })).map((a) => a.name)
    expect(names).to.deep.equal([
      'master',
      'workers',
      'istio',
      'namespace',
      'chart-repo',
      'charts',
      'release-common',
      'release-msb',
      'release-vfc',
      'release-multicloud',
      'ready',
      'get-all',
    ])
    const existing = newPipeline(testOptions({ stateDir: '/s', backend: 'existing' }))
    expect(existing.map((a) => a.name).slice(0, 2)).to.deep.equal(['istio', 'namespace'])
  })

  it('runs a step added only to the steps file, where the file puts it', () => {
    const steps = loadInstallSteps(ROOT)
    const extra: InstallStep = {
      name: 'label-kube-system',
      title: 'Labelling kube-system',
      page: '',
      action: 'commands',
      run: ['kubectl label namespace kube-system team=lab'],
    }
    const at = steps.findIndex((s) => s.name === 'namespace') + 1
    const withExtra = [...steps.slice(0, at), extra, ...steps.slice(at)]
    const actions = newPipeline(testOptions({ stateDir: '/s' }), withExtra)
    expect(actions.map((a) => a.name).slice(3, 6)).to.deep.equal([
      'namespace',
      'label-kube-system',
      'chart-repo',
    ])
    expect(planPipeline(actions)).to.include('kubectl label namespace kube-system team=lab')
  })

  it('refuses an action the registry does not know, naming the file, line and step', () => {
    const text = readFileSync(join(ROOT, INSTALL_STEPS_FILE), 'utf8').replace(
      'action: get-all',
      'action: get-everything'
    )
    const steps = parseInstallSteps(text, INSTALL_STEPS_FILE)
    const line = text.split('\n').findIndex((l) => l.includes('get-everything')) + 1
    expect(() => newPipeline(testOptions({ stateDir: '/s' }), steps)).to.throw(
      `lab/install/steps.yaml:${line}: steps[8].action: unknown action "get-everything" of step "get-all"`
    )
  })

  it("plans the page's commands, filled in from the lab's options", () => {
    const plan = planPipeline(newPipeline(testOptions({ stateDir: '/s', repo: {} })))
    expect(plan).to.include.members([
      '# workers: Joining the workers (--until cluster)',
      "kubeadm join 127.0.10.104:6443 --token '<token>' --discovery-token-ca-cert-hash 'sha256:<hash>' --node-name onap-mesh-worker2",
      `kubectl apply -f ${ROOT}/fixtures/istio/istio.yaml`,
      'kubectl label namespace onap istio-injection=enabled',
      'helm repo add local http://127.0.0.1:8879',
      'helm install common local/onap --namespace onap -f /s/charts/src/onap/resources/environments/disable-allcharts.yaml',
      'helm install vfc local/vfc --namespace onap',
      'kubectl get all -n onap',
    ])
  })
})

describe('the master and join steps', () => {
  const upToCluster = { until: 'cluster' }

  it('runs kubeadm init, applies the addons and the CNI, then joins each worker', async () => {
    const options = testOptions({ stateDir: '/s' })
    const ops = await fakeClusterOps(options.topology.apiServerEndpoint)
    const { ctx } = setup(options, ops)
    const r = await runPipeline(newPipeline(options), ctx, upToCluster)
    expect(r.steps.map((s) => s.name)).to.deep.equal(['master', 'workers'])
    expect(ops.joined).to.deep.equal(['onap-mesh-worker', 'onap-mesh-worker2'])
    const lines = ctx.transcript.lines()
    expect(lines.slice(0, 4)).to.deep.equal([
      '# step master: Creating the master',
      'kubeadm init --config kubeadm.conf',
      `# kubeadm init printed: ${ctx.cache.init!.joinCommand}`,
      `kubectl apply -f ${ROOT}/lab/install/kubeadm-addons.yaml`,
    ])
    expect(lines).to.include(`${ctx.cache.init!.joinCommand} --node-name onap-mesh-worker2`)
  })

  it('refuses a wrong join token, naming the step and kubeadm’s reason', async () => {
    const options = testOptions({ stateDir: '/s' })
    const ops = await fakeClusterOps(options.topology.apiServerEndpoint)
    const init = await ops.kubeadmInit()
    const wrong = init.joinCommand.replace(/--token \S+/, '--token abcdef.0123456789abcdef')
    const { ctx } = setup({ ...options, joinCommand: wrong }, ops)
    const err = (await runPipeline(
      newPipeline({ ...options, joinCommand: wrong }),
      ctx,
      upToCluster
    ).catch((e: unknown) => e)) as StepError
    expect(err).to.be.instanceOf(StepError)
    expect(err.step).to.equal('workers')
    expect(err.message.split('\n')[0]).to.equal(
      'step "workers" (Joining the workers) failed: onap-mesh-worker could not join the cluster: ' +
        '[discovery] Failed to connect to API Server "127.0.10.104:6443": token id "abcdef" is invalid ' +
        'for this cluster or it has expired. Use "kubeadm token create" on the master node to creating a new valid token'
    )
    expect(err.command).to.equal(
      `${wrong.replace(/^kubeadm /, 'kubeadm ')} --node-name onap-mesh-worker`
    )
    expect(err.message).to.contain('  hint: join with the token and hash kubeadm init printed')
    expect(ops.joined).to.deep.equal([])
  })

  it('fails the master step when the CNI DaemonSet is missing', async () => {
    const options = testOptions({ stateDir: '/s' })
    const ops = await fakeClusterOps(options.topology.apiServerEndpoint)
    const { ctx } = setup(options, { ...ops, addonsIncluded: true }, (line) =>
      line.startsWith('kubectl get daemonset') ? { stdout: 'kube-proxy' } : cluster(line)
    )
    const err = (await runPipeline(newPipeline(options), ctx, upToCluster).catch(
      (e: unknown) => e
    )) as StepError
    expect(err.step).to.equal('master')
    expect(err.message).to.contain('check failed: the output lacks "calico-node"')
    expect(ctx.transcript.lines().join('\n')).to.not.contain('kubeadm-addons.yaml')
  })
})

describe('the Istio step', () => {
  const istioOnly = (o: InstallOptions) => newPipeline(o).filter((a) => a.name === 'istio')

  it('applies again when custom resources came before their CRDs, then edits the policy to enabled', async () => {
    const options = testOptions()
    options.profile.istio.injectorPolicy = 'enabled'
    let applies = 0
    const { ctx, runner } = setup(options, undefined, (line) => {
      if (line.startsWith('kubectl apply -f') && line.endsWith('istio.yaml') && applies++ === 0) {
        return {
          code: 1,
          stderr:
            'error: resource mapping not found for name: "x" namespace: "" from "istio.yaml": no matches for kind "rule" in version "config.istio.io/v1alpha2"\nensure CRDs are installed first\n',
        }
      }
      return cluster(line)
    })
    try {
      await runPipeline(istioOnly(options), ctx)
      const file = join(options.stateDir, 'istio-sidecar-injector.yaml')
      const edited = parse(readFileSync(file, 'utf8')) as {
        metadata: Record<string, unknown>
        data: { config: string }
      }
      expect(edited.data.config).to.equal('policy: enabled\ntemplate: |-\n  containers: []')
      expect(edited.metadata).to.deep.equal({
        name: 'istio-sidecar-injector',
        namespace: 'istio-system',
        annotations: {},
      })
      expect(runner.calls.filter((c) => c.startsWith('kubectl apply'))).to.deep.equal([
        `kubectl apply -f ${ROOT}/fixtures/istio/istio.yaml`,
        `kubectl apply -f ${ROOT}/fixtures/istio/istio.yaml`,
        `kubectl apply -f ${file}`,
      ])
    } finally {
      rmSync(options.stateDir, { recursive: true, force: true })
    }
  })

  it('leaves the injector alone when the profile says disabled, and fails on a real apply error', async () => {
    const options = testOptions({ stateDir: '/s' })
    const ok = setup(options)
    await runPipeline(istioOnly(options), ok.ctx)
    expect(ok.runner.calls.filter((c) => c.startsWith('kubectl apply'))).to.have.length(1)

    const bad = setup(options, undefined, (line) =>
      line.startsWith('kubectl apply')
        ? { code: 1, stderr: 'error: unable to connect to the server\n' }
        : undefined
    )
    const err = (await runPipeline(istioOnly(options), bad.ctx).catch(
      (e: unknown) => e
    )) as StepError
    expect(err.step).to.equal('istio')
    expect(err.command).to.equal(`kubectl apply -f ${ROOT}/fixtures/istio/istio.yaml`)
    expect(err.output).to.equal('error: unable to connect to the server')
  })
})

describe('the Istio step with --auth', () => {
  const istioOnly = (o: InstallOptions) => newPipeline(o).filter((a) => a.name === 'istio')
  const AUTH = `${ROOT}/lab/install/istio-auth.yaml`

  it("applies the auth variant's mesh-wide mTLS objects after the manifest, recorded", async () => {
    const options = testOptions({ stateDir: '/s', auth: true })
    const { ctx, runner } = setup(options)
    expect(planPipeline(istioOnly(options))).to.include(`kubectl apply -f ${AUTH}`)
    await runPipeline(istioOnly(options), ctx)
    expect(runner.calls.filter((c) => c.startsWith('kubectl apply'))).to.deep.equal([
      `kubectl apply -f ${ROOT}/fixtures/istio/istio.yaml`,
      `kubectl apply -f ${AUTH}`,
    ])
    expect(ctx.transcript.lines().join('\n')).to.contain(`kubectl apply -f ${AUTH}`)
    const objects = readFileSync(AUTH, 'utf8')
      .split(/^---$/m)
      .map((d) => parse(d) as { kind: string; metadata: { name: string }; spec: unknown })
    expect(objects.map((o) => [o.kind, o.metadata.name, o.spec])).to.deep.equal([
      ['MeshPolicy', 'default', { peers: [{ mtls: {} }] }],
      [
        'DestinationRule',
        'default',
        { host: '*.local', trafficPolicy: { tls: { mode: 'ISTIO_MUTUAL' } } },
      ],
      [
        'DestinationRule',
        'api-server',
        {
          host: 'kubernetes.default.svc.cluster.local',
          trafficPolicy: { tls: { mode: 'DISABLE' } },
        },
      ],
    ])
  })

  it('applies no auth objects without --auth', async () => {
    const options = testOptions({ stateDir: '/s' })
    const { ctx, runner } = setup(options)
    expect(planPipeline(istioOnly(options)).join('\n')).to.not.contain('istio-auth.yaml')
    await runPipeline(istioOnly(options), ctx)
    expect(runner.calls.join('\n')).to.not.contain('istio-auth.yaml')
    expect(ctx.transcript.lines().join('\n')).to.not.contain('istio-auth.yaml')
  })
})

describe('the chart repository step', () => {
  it('names the step and the cause when the port is in use, and leaves nothing listening', async () => {
    const other = createServer()
    await new Promise<void>((ok) => other.listen(0, '127.0.0.1', ok))
    const port = (other.address() as AddressInfo).port
    const options = testOptions({ repo: { port } })
    const { ctx, runner } = setup(options)
    try {
      const repoStep = newPipeline(options).filter((a) => a.name === 'chart-repo')
      const err = (await runPipeline(repoStep, ctx).catch((e: unknown) => e)) as StepError
      expect(err.step).to.equal('chart-repo')
      expect(err.message.split('\n')[0]).to.match(
        new RegExp(
          `^step "chart-repo" \\(Starting the chart repository on http://127.0.0.1:${port}\\) failed: port ${port} is in use`
        )
      )
      expect(err.message).to.contain(
        `hint: stop whatever listens on the port (\`ss -ltnp | grep ${port}\`)`
      )
      expect(runner.calls).to.deep.equal([])
    } finally {
      other.close()
      rmSync(options.stateDir, { recursive: true, force: true })
    }
  })
})
