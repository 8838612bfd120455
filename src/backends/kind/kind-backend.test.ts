import { expect } from 'chai'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseKindConfig } from '../../cluster/index.js'
import { memoryTranscript } from '../../install/index.js'
import { fakeRunner } from '../../testing/install/fake-runner.js'
import { repoLabOptions, ROOT } from '../../testing/install/lab-options.js'
import type { BackendOptions } from '../backend.js'
import { KindBackend } from './kind-backend.js'
import { kindClusterOps } from './kind-cluster-ops.js'

const GOLDEN = join(import.meta.dirname, 'testdata', 'plan.golden')
const HOST = { cpus: 16, memory: 64 * 2 ** 30 }

function labOptions(o: Partial<BackendOptions> = {}): BackendOptions {
  return { ...repoLabOptions(), backend: 'kind', dryRun: true, ...o }
}

describe('KindBackend', () => {
  it('plans the kind cluster and the install steps (golden; UPDATE_GOLDEN=1 regenerates)', async () => {
    const backend = new KindBackend({ root: ROOT, host: HOST, run: fakeRunner().run })
    const plan = (await backend.dryRunPlan(labOptions())).replaceAll(ROOT, '<root>')
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(GOLDEN, plan)
    expect(plan).to.equal(readFileSync(GOLDEN, 'utf8'))
  })

  it('writes a kind config that kind and the lab both still load', async () => {
    const backend = new KindBackend({ root: ROOT, host: HOST })
    const plan = await backend.clusterPlan(labOptions())
    const config = parseKindConfig(plan.config.text, 'derived')
    expect(config.nodes.map((n) => n.kubeadmConfigPatches.length)).to.deep.equal([2, 1, 1])
    const patch = parse(config.nodes[1]!.kubeadmConfigPatches[0]!) as {
      nodeRegistration: { kubeletExtraArgs: Record<string, string> }
    }
    expect(patch.nodeRegistration.kubeletExtraArgs['system-reserved']).to.equal('cpu=8,memory=48Gi')
    const json = parse(config.nodes[1]!.kubeadmConfigPatchesJSON6902[0]!.patch!) as unknown[]
    expect(json).to.have.length(2)
    expect(plan.warnings).to.deep.equal([])
  })

  it('warns when the Docker host is smaller than a node of the profile', async () => {
    const backend = new KindBackend({ root: ROOT, host: { cpus: 2, memory: 8 * 2 ** 30 } })
    const plan = await backend.clusterPlan(labOptions())
    expect(plan.warnings).to.include(
      "onap-mesh-worker: the Docker host has 2 CPUs, fewer than the profile's 8"
    )
    expect(plan.commands[1]).to.deep.equal([
      'docker',
      'update',
      '--cpus',
      '2',
      '--memory',
      '8589934592',
      '--memory-swap',
      '8589934592',
      'onap-mesh-control-plane',
    ])
  })

  it('says Docker or kind is missing, and up() refuses to start', async () => {
    const noDocker = fakeRunner((line) =>
      line.startsWith('docker info')
        ? {
            code: 1,
            stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n',
          }
        : undefined
    )
    const backend = new KindBackend({ root: ROOT, run: noDocker.run })
    expect(await backend.available()).to.equal(
      'Docker is not available (`docker info`: Cannot connect to the Docker daemon at unix:///var/run/docker.sock.): the kind backend needs Docker; use --backend sim'
    )
    const err = await backend.up(labOptions({ dryRun: false })).catch((e: Error) => e)
    expect((err as Error).message).to.match(/^Docker is not available/)
    expect(noDocker.calls.filter((c) => c.startsWith('kind create'))).to.deep.equal([])

    const noKind = fakeRunner((line) =>
      line.startsWith('kind') ? { code: 127, stderr: 'bash: kind: command not found' } : undefined
    )
    expect(await new KindBackend({ root: ROOT, run: noKind.run }).available()).to.match(
      /^kind is not installed \(`kind version`: bash: kind: command not found\): see https:\/\/kind\.sigs\.k8s\.io/
    )
  })

  it('creates the cluster, then limits each node container, writing each command to the transcript', async () => {
    const state = mkdtempSync(join(tmpdir(), 'kind-state-'))
    try {
      const runner = fakeRunner((line) =>
        line.includes('{{.NCPU}}') ? { stdout: '16 68719476736\n' } : undefined
      )
      const transcript = memoryTranscript()
      const backend = new KindBackend({ root: ROOT, run: runner.run, transcript })
      const { kubeconfig } = await backend.up(labOptions({ dryRun: false, stateDir: state }))
      expect(kubeconfig).to.equal(join(state, 'kubeconfig'))
      expect(existsSync(join(state, 'kind-config.yaml'))).to.equal(true)
      expect(runner.calls.slice(2)).to.deep.equal([
        "docker info --format '{{.NCPU}} {{.MemTotal}}'",
        `kind create cluster --name onap-mesh --config ${state}/kind-config.yaml --kubeconfig ${state}/kubeconfig`,
        'docker update --cpus 4 --memory 8589934592 --memory-swap 8589934592 onap-mesh-control-plane',
        'docker update --cpus 8 --memory 17179869184 --memory-swap 17179869184 onap-mesh-worker',
        'docker update --cpus 8 --memory 17179869184 --memory-swap 17179869184 onap-mesh-worker2',
      ])
      expect(transcript.lines().slice(1)).to.deep.equal(runner.calls.slice(3))
      await backend.down(labOptions({ stateDir: state }))
      expect(runner.calls.at(-1)).to.equal(
        `kind delete cluster --name onap-mesh --kubeconfig ${state}/kubeconfig`
      )
    } finally {
      rmSync(state, { recursive: true, force: true })
    }
  })
})

describe('kindClusterOps()', () => {
  it('asks the master for a join command; join is already done by kind', async () => {
    const join =
      'kubeadm join 172.18.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:0a1b'
    const runner = fakeRunner(() => ({ stdout: `${join}\n` }))
    const ops = kindClusterOps({ master: 'onap-mesh-control-plane', run: runner.run })
    const r = await ops.kubeadmInit()
    expect(r).to.deep.equal({
      joinCommand: join,
      token: 'abcdef.0123456789abcdef',
      caCertHash: 'sha256:0a1b',
      commands: ['docker exec onap-mesh-control-plane kubeadm token create --print-join-command'],
    })
    expect([ops.doneBy, ops.addonsIncluded]).to.deep.equal(['kind create cluster', true])
    await ops.kubeadmJoin('onap-mesh-worker', ['join'])
    expect(runner.calls).to.have.length(1)
    const broken = kindClusterOps({
      master: 'm',
      run: fakeRunner(() => ({ code: 1, stderr: 'Error: No such container: m' })).run,
    })
    const err = await broken.kubeadmInit().catch((e: Error) => e)
    expect((err as Error).message).to.equal(
      '`docker exec m kubeadm token create --print-join-command` failed: Error: No such container: m'
    )
  })
})
