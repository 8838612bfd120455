import { expect } from 'chai'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { ROOT, run, startClusterTestLab, type ClusterTestLab } from './support/lab-fixture.js'

// Kubernetes' official Python client (Debian's python3-kubernetes) sends booleans the Python way
// (`watch=True`, `previous=True`, `force=True`); the API server must parse them as Kubernetes does.
const PYTHON = '/usr/bin/python3'
const SCRIPT = join(ROOT, 'test', 'python', 'client-compat.py')

function pythonClientVersion(): string | undefined {
  try {
    return execFileSync(PYTHON, ['-c', 'import kubernetes; print(kubernetes.__version__)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  } catch {
    return undefined
  }
}

type Step = { step: string } & Record<string, unknown>

describe('the official Python client against the sim', function () {
  this.timeout(120_000)
  let lab: ClusterTestLab
  let steps: Map<string, Step>
  let code: number
  let stderr: string

  before(async function () {
    const version = pythonClientVersion()
    if (version === undefined) {
      console.log(
        `    (skipped: \`${PYTHON} -c "import kubernetes"\` fails; install python3-kubernetes)`
      )
      this.skip()
    }
    lab = await startClusterTestLab()
    const env = { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: lab.kubeconfig }
    const r = await run(PYTHON, [SCRIPT, 'py'], env, undefined, 90_000)
    code = r.code
    stderr = r.stderr
    steps = new Map(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Step)
        .map((s) => [s.step, s])
    )
  })
  after(async () => lab?.stop())

  it('runs the whole script', () => {
    expect(stderr.slice(-2000)).to.equal('')
    expect(code).to.equal(0)
    expect(steps.has('deleted')).to.equal(true)
  })

  it('lists, creates and patches (strategic merge)', () => {
    expect(steps.get('list')!['namespaces']).to.include.members(['default', 'kube-system'])
    expect(steps.get('patch')!['data']).to.deep.equal({ a: '1', b: '2' })
  })

  it('applies server-side with force=True', () => {
    expect(steps.get('apply')!['a']).to.equal('9')
  })

  it('streams a watch (watch=True) with watch.Watch().stream', () => {
    expect(steps.get('watch')!['events']).to.deep.equal([['ADDED', 'cfg']])
  })

  it('reads logs with previous=False, and previous=True asks for the previous container', () => {
    expect(steps.get('log')).to.deep.include({ phase: 'Running', type: 'str' })
    const prev = steps.get('log-previous')!
    expect(prev['status']).to.equal(400)
    expect(prev['message']).to.contain('"web"')
  })

  it('gets and watches through the DynamicClient', () => {
    expect(steps.get('dynamic-get')!['names']).to.deep.equal(['cfg'])
    expect(steps.get('dynamic-watch')!['events']).to.deep.equal([['ADDED', 'cfg']])
  })

  it('parses booleans as Kubernetes does: False and 0 are false, anything else true', async () => {
    await lab.kubectl(['create', 'configmap', 'flag', '-n', 'default'])
    for (const v of ['False', 'false', '0']) {
      const r = await lab.kubectl([
        'get',
        '--raw',
        `/api/v1/namespaces/default/configmaps?watch=${v}`,
      ])
      expect(JSON.parse(r.stdout).kind, v).to.equal('ConfigMapList')
    }
    for (const v of ['True', '1', '', 'yes']) {
      const path = `/api/v1/namespaces/default/configmaps?watch=${v}&timeoutSeconds=1`
      const r = await lab.kubectl(['get', '--raw', path])
      expect(r.stderr, v).to.equal('')
      expect(JSON.parse(r.stdout.split('\n')[0]!).type, v).to.equal('ADDED')
    }
  })
})
