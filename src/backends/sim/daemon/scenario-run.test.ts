import { expect } from 'chai'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseScenario } from '../scenario.js'
import type { StartedSimLab } from '../sim-lab.js'
import { fakeClock } from '../../../util/index.js'
import { writeInstallRecord } from '../../install-record.js'
import { runScenarioSchedule } from './scenario-run.js'
import { StateDir } from '../../state-dir.js'

const SCENARIO = `apiVersion: onap-mesh-lab/v1alpha1
kind: Scenario
schedule:
  - {at: 2s, name: slow, app: {latencyMs: 100}}
`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('runScenarioSchedule()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-schedule-run-'))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('starts the clock when the install record says the lab is up, then logs and journals each event', async () => {
    const state = new StateDir(dir)
    writeInstallRecord(state, { until: 'cluster', complete: false })
    const scenario = parseScenario(SCENARIO, 's.yaml')
    const clock = fakeClock()
    const notes: string[] = []
    const logs: string[] = []
    const lab = { cluster: { client: () => ({}) } } as unknown as StartedSimLab
    const run = runScenarioSchedule({
      lab,
      scenario,
      exec: () => Promise.reject(new Error('no machine')),
      state,
      log: (l) => logs.push(l),
      note: (name, what) => notes.push(`${name}: ${what}`),
      clock,
      pollMs: 5,
    })!
    await sleep(40)
    clock.advance(10_000)
    expect(run.state().started, 'the install is not complete').to.equal(false)
    expect(notes).to.deep.equal([])
    writeInstallRecord(state, { until: 'cluster', complete: true })
    await sleep(40)
    expect(run.state().started).to.equal(true)
    clock.advance(1999)
    await sleep(0)
    expect(notes).to.deep.equal([])
    clock.advance(1)
    await sleep(0)
    expect(notes).to.deep.equal(['slow: app change latency 100 ms on every app (t+2.0s)'])
    expect(scenario.apps, 'the app change is in the list the apps host reads').to.have.length(1)
    expect(logs.at(-1)).to.match(/^lab:scenario t\+2\.0s "slow" \(at 2s\): app change latency/)
    run.stop()
    expect(run.state()).to.deep.include({ elapsedMs: 2000, left: [] })
  })

  it('is nothing for a scenario without a schedule', () => {
    const scenario = parseScenario('apiVersion: onap-mesh-lab/v1alpha1\nkind: Scenario\n', 's')
    const lab = { cluster: { client: () => ({}) } } as unknown as StartedSimLab
    const o = { lab, scenario, exec: () => Promise.reject(new Error('x')), log: () => {} }
    expect(runScenarioSchedule({ ...o, state: new StateDir(dir), note: () => {} })).to.equal(
      undefined
    )
  })
})
