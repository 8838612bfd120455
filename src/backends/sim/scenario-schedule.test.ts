import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { parseScenario } from './scenario.js'
import { checkScheduleNodes, parseDuration, parseSchedule } from './scenario-schedule.js'

const HEAD = 'apiVersion: onap-mesh-lab/v1alpha1\nkind: Scenario\n'
const FILE = 'x.yaml'

/** Returns the error message of parsing a scenario whose schedule is `body`. */
function problem(body: string): string {
  try {
    parseSchedule(`${HEAD}schedule:\n${body}`, FILE)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('the schedule parsed')
}

describe('parseSchedule()', () => {
  it('reads each action with its offset, label and line, in the order they run', () => {
    const s = parseScenario(
      `${HEAD}schedule:
  - at: 1m
    powerOn: w1
  - at: 10s
    name: kill-w1
    powerOff: w1
  - at: 3
    deletePod: {namespace: default, selector: app=web}
  - at: 1m
    scale: {namespace: onap, deployment: so, replicas: 0}
  - at: 500ms
    app: {match: {namespace: onap, image: '*catalog*'}, errorRate: 0.5, errorStatus: 503, forSeconds: 30}
`,
      FILE
    )
    expect(s.schedule.map((e) => [e.atMs, e.name, e.line, e.action.kind])).to.deep.equal([
      [500, 'app#4', 13, 'app'],
      [3000, 'deletePod#2', 9, 'deletePod'],
      [10_000, 'kill-w1', 6, 'powerOff'],
      [60_000, 'powerOn#0', 4, 'powerOn'],
      [60_000, 'scale#3', 11, 'scale'],
    ])
    expect(s.schedule[1]!.action).to.deep.equal({
      kind: 'deletePod',
      namespace: 'default',
      selector: 'app=web',
    })
    expect(s.schedule[4]!.action).to.deep.equal({
      kind: 'scale',
      namespace: 'onap',
      resource: 'deployments',
      name: 'so',
      replicas: 0,
    })
    const app = s.schedule[0]!.action
    expect(app.kind === 'app' && app.override).to.include({
      name: 'app#4',
      errorRate: 0.5,
      errorStatus: 503,
      forSeconds: 30,
      afterSeconds: 0,
    })
  })

  it('has no schedule when the file has none, and the example scenario parses', () => {
    expect(parseScenario(HEAD, FILE).schedule).to.deep.equal([])
    const path = 'fixtures/scenarios/scheduled-faults.yaml'
    expect(parseScenario(readFileSync(path, 'utf8'), path).schedule).to.have.length.above(3)
  })

  it('names file, line and field of each bad entry', () => {
    expect(problem('  - at: 3x\n    powerOff: w1\n')).to.equal(
      'x.yaml:4: schedule[0].at: invalid duration "3x": want e.g. 10s, 1m30s, 500ms or a number of seconds'
    )
    expect(problem('  - powerOff: w1\n')).to.equal(
      'x.yaml:4: schedule[0]: Required value: at (e.g. at: 10s)'
    )
    expect(problem('  - at: 1s\n    powerOff: w1\n    powerOn: w1\n')).to.equal(
      'x.yaml:4: schedule[0]: Required value: one, not powerOff and powerOn of powerOff, powerOn, deletePod, scale, app'
    )
    expect(problem('  - at: 1s\n    poweroff: w1\n')).to.contain(
      'x.yaml:5: schedule[0].poweroff: unknown field'
    )
    expect(problem('  - at: 1s\n    deletePod: {namespace: a}\n')).to.equal(
      'x.yaml:5: schedule[0].deletePod: Required value: one of name, selector'
    )
    expect(
      problem(
        '  - at: 1s\n    scale:\n      namespace: a\n      deployment: b\n      replicas: -1\n'
      )
    ).to.equal('x.yaml:8: schedule[0].scale.replicas: must be an integer ≥ 0')
    expect(
      problem('  - at: 1s\n    powerOff: w1\n  - at: 2s\n    app:\n      errorRate: 2\n')
    ).to.equal('x.yaml:8: schedule[1].app.errorRate: must be a number from 0 to 1')
    expect(problem('  - at: 1s\n    app: {afterSeconds: 3, crash: true}\n')).to.equal(
      "x.yaml:5: schedule[0].app.afterSeconds: not allowed here (the entry's at says it)"
    )
    expect(problem('  - at: 1s\n    powerOff: 3\n')).to.equal(
      'x.yaml:5: schedule[0].powerOff: must be a node name'
    )
  })

  it('reports every bad entry at once, and a schedule that is not a list', () => {
    const all = problem('  - at: x\n    powerOff: w1\n  - at: 1s\n').split('\n')
    expect(all).to.have.length(2)
    expect(() => parseSchedule(`${HEAD}schedule: {at: 1s}\n`, FILE)).to.throw(
      'x.yaml:3: schedule: must be a list'
    )
  })

  it('refuses a power entry naming a node the lab does not have, at its line', () => {
    const s = parseSchedule(`${HEAD}schedule:\n  - at: 1s\n    powerOff: w9\n`, FILE)
    expect(() => checkScheduleNodes(s, ['m', 'w1'], FILE)).to.throw(
      'x.yaml:4: schedule[0].powerOff: no node named "w9" in the lab (its nodes: m, w1)'
    )
    expect(() => checkScheduleNodes(s, ['w9'], FILE)).to.not.throw()
  })
})

describe('parseDuration()', () => {
  it("reads Go's durations and numbers of seconds, and nothing else", () => {
    expect(parseDuration('1m30s')).to.equal(90_000)
    expect(parseDuration('1.5h')).to.equal(5_400_000)
    expect(parseDuration('250ms')).to.equal(250)
    expect(parseDuration(2.5)).to.equal(2500)
    for (const bad of ['', '10', '-1s', '1d', 's', -1, true])
      expect(parseDuration(bad)).to.equal(undefined)
  })
})
