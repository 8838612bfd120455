import { expect } from 'chai'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadLab } from '../../../cluster/index.js'
import type { BackendOptions } from '../../backend.js'
import { StateDir } from '../../state-dir.js'
import { repoLabOptions } from '../../../testing/install/lab-options.js'
import { daemonStart, readDaemonStart, writeDaemonStart } from './daemon-start.js'

const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..')

function options(o: Partial<BackendOptions> = {}): BackendOptions {
  return repoLabOptions({ stateDir: '/nonexistent/state', ...o })
}

describe('daemonStart() / the daemon start file', () => {
  let dir = ''
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'daemon-start-'))))
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('hands the daemon the parsed definition and scenario, and the files as they were read', () => {
    const scenario = join(ROOT, 'fixtures', 'scenarios', 'wrong-token.yaml')
    const opts = options({ stateDir: dir, scenario, seed: 7, policy: 'disabled' })
    const start = daemonStart(opts)
    expect(start.definition).to.deep.equal(loadLab(opts, (p) => readFileSync(p, 'utf8')))
    expect(start.definition.profile.istio.injectorPolicy).to.equal('disabled')
    expect(start.files.kindConfig).to.deep.equal({
      name: 'kind-config.yaml',
      text: readFileSync(opts.config, 'utf8'),
    })
    expect(start.files.scenario?.name).to.equal('wrong-token.yaml')
    expect(start.options).to.deep.equal({ stateDir: dir, seed: 7, policy: 'disabled' })
    const file = writeDaemonStart(new StateDir(dir), start)
    expect(statSync(file).mode & 0o777).to.equal(0o600)
    const back = readDaemonStart(file)
    expect(back.definition).to.deep.equal(start.definition)
    expect(back.scenario?.join).to.deep.equal(start.scenario?.join)
    expect(back.files).to.deep.equal(start.files)
  })

  it('refuses a file that is not a start, naming it', () => {
    const file = join(dir, 'daemon-start.json')
    writeFileSync(file, '{"options": {}}')
    expect(() => readDaemonStart(file)).to.throw(`start file ${file}: not a lab definition`)
    writeFileSync(file, 'kind: Cluster')
    expect(() => readDaemonStart(file)).to.throw(
      `failed to read the lab daemon's start file ${file}`
    )
  })

  it("names the scenario's node that the topology lacks, before anything starts", () => {
    const scenario = join(dir, 'bad.yaml')
    writeFileSync(
      scenario,
      'apiVersion: onap-mesh-lab/v1alpha1\nkind: Scenario\nschedule:\n  - at: 1s\n    powerOff: no-such-node\n'
    )
    expect(() => daemonStart(options({ stateDir: dir, scenario }))).to.throw(/no-such-node/)
  })
})
