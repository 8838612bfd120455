import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { KubeObject } from '../../api/types.js'
import type { KubeClient } from '../../client/index.js'
import { caCertHash, loadLab } from '../../cluster/index.js'
import { createCa } from '../../util/index.js'
import { SimKubeadm, type Machines } from './sim-kubeadm.js'

const ROOT = resolve(import.meta.dirname, '..', '..', '..')
const read = (p: string) => readFileSync(p, 'utf8')

/** An API of one list of objects: what kubeadm creates and lists. */
function fakeClient(): { client: KubeClient; objects: KubeObject[] } {
  const objects: KubeObject[] = []
  const client = {
    create: (_ref: unknown, o: KubeObject) => {
      objects.push(o)
      return Promise.resolve(o)
    },
    list: () => Promise.resolve({ items: objects.filter((o) => o.kind === 'Secret') }),
  } as unknown as KubeClient
  return { client, objects }
}

describe('SimKubeadm', () => {
  const { topology } = loadLab(
    { config: join(ROOT, 'lab', 'kind-config.yaml'), profile: join(ROOT, 'lab', 'lab.yaml') },
    read
  )
  const running = new Set<string>()
  const machines: Machines = {
    initMaster: () => Promise.resolve(void running.add('onap-mesh-control-plane')),
    startWorker: (n) => Promise.resolve(void running.add(n)),
    running: (n) => running.has(n),
  }
  beforeEach(() => running.clear())

  async function kubeadm() {
    const ca = await createCa('kubernetes')
    const { client, objects } = fakeClient()
    const k = new SimKubeadm({
      client,
      topology,
      caPem: ca.certPem,
      server: 'https://127.0.10.104:6443',
      machines,
    })
    return { k, objects, ca }
  }

  it('init gives the join command as data, and prints it as kubeadm 1.11 does', async () => {
    const { k, objects, ca } = await kubeadm()
    const r = await k.run('onap-mesh-control-plane', ['init'])
    expect(r.code, r.stderr).to.equal(0)
    const init = r.data!
    expect(r.stdout).to.equal(init.output)
    expect(r.stdout).to.contain(`  ${init.joinCommand}\n`)
    expect(init.endpoint).to.equal('127.0.10.104:6443')
    expect(init.caCertHash).to.equal(caCertHash(ca.certPem))
    const secret = objects.find((o) => o.kind === 'Secret')!
    expect(secret.metadata.name).to.equal(`bootstrap-token-${init.token.split('.')[0]}`)
    // The parts join a worker as they are, without reading the printed text.
    const join = await k.run('onap-mesh-worker', init.joinArgv.slice(1))
    expect(join.code, join.stderr).to.equal(0)
    expect(join.data).to.equal(undefined)
    expect(running.has('onap-mesh-worker')).to.equal(true)
  })

  it('init elsewhere than the master fails with no data, and bootstrap says why', async () => {
    const { k } = await kubeadm()
    const r = await k.run('onap-mesh-worker', ['init'])
    expect(r).to.deep.equal({
      code: 1,
      stdout: '',
      stderr:
        'kubeadm init runs on the control-plane node onap-mesh-control-plane, not on onap-mesh-worker\n',
    })
    running.add('onap-mesh-control-plane')
    const err = await k.bootstrap().catch((e: Error) => e)
    expect((err as Error).message).to.match(
      /^kubeadm init failed: \[preflight\].*Port 10250 is in use/s
    )
  })

  it('bootstrap joins every worker with the parts init gave', async () => {
    const { k } = await kubeadm()
    const join = await k.bootstrap()
    expect(join).to.match(
      /^kubeadm join 127\.0\.10\.104:6443 --token \S+ --discovery-token-ca-cert-hash sha256:[0-9a-f]{64}$/
    )
    expect([...running].sort()).to.deep.equal(topology.nodes.map((n) => n.name).sort())
  })
})
