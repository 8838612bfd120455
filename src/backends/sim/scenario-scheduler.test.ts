import { expect } from 'chai'
import { fakeClock } from '../../util/index.js'
import { parseSchedule } from './scenario-schedule.js'
import { ScenarioScheduler, type ScheduleEvent, type ScheduleRunner } from './scenario-scheduler.js'

const ENTRIES = parseSchedule(
  `schedule:
  - {at: 8s, name: flaky, app: {errorRate: 1, forSeconds: 5}}
  - {at: 3s, name: kill, deletePod: {namespace: default, name: web-1}}
  - {at: 20s, name: off, powerOff: w1}
  - {at: 3s, name: also-at-3, powerOff: w2}
`,
  's.yaml'
)

/** A scheduler on a fake clock that records what ran (and what was put back) in order. */
function harness(resume?: ReturnType<ScenarioScheduler['state']>, failing = '') {
  const clock = fakeClock()
  const log: string[] = []
  const events: ScheduleEvent[] = []
  const runner: ScheduleRunner = {
    run: async (e) => {
      if (e.name === failing) throw new Error('no such pod')
      log.push(`run ${e.name}`)
      return `did ${e.name}`
    },
    end: (e) => (log.push(`end ${e.name}`), `ended ${e.name}`),
    reapply: (e) => void log.push(`reapply ${e.name}`),
  }
  const s = new ScenarioScheduler(ENTRIES, {
    clock,
    runner,
    onEvent: (e) => events.push(e),
    ...(resume ? { resume } : {}),
  })
  const advance = async (ms: number) => {
    clock.advance(ms)
    await s.settled()
  }
  return { s, log, events, advance }
}

describe('ScenarioScheduler', () => {
  it('runs nothing before start, then each entry once at its offset, in order (ties in file order)', async () => {
    const h = harness()
    await h.advance(60_000)
    expect(h.log, 'not started: the lab is not up').to.deep.equal([])
    h.s.start()
    await h.advance(2999)
    expect(h.log).to.deep.equal([])
    await h.advance(1)
    expect(h.log).to.deep.equal(['run kill', 'run also-at-3'])
    await h.advance(5000)
    expect(h.log.slice(2)).to.deep.equal(['run flaky'])
    await h.advance(5000)
    expect(h.log.slice(3), 'the app change ends after forSeconds').to.deep.equal(['end flaky'])
    await h.advance(60_000)
    expect(h.log.slice(4)).to.deep.equal(['run off'])
    expect(h.events.map((e) => [e.entry.name, e.atMs, e.what])).to.deep.equal([
      ['kill', 3000, 'did kill'],
      ['also-at-3', 3000, 'did also-at-3'],
      ['flaky', 8000, 'did flaky'],
      ['flaky', 13_000, 'ended flaky'],
      ['off', 20_000, 'did off'],
    ])
    expect(h.s.state().left).to.deep.equal([])
  })

  it('reports a failed entry and goes on with the next', async () => {
    const h = harness(undefined, 'kill')
    h.s.start()
    await h.advance(3000)
    expect(h.events.map((e) => [e.entry.name, e.what, e.failed ?? false])).to.deep.equal([
      ['kill', 'failed: no such pod', true],
      ['also-at-3', 'did also-at-3', false],
    ])
  })

  it('keeps what is left when paused, and a scheduler resumed from that state runs only the rest at the remaining offsets', async () => {
    const h = harness()
    h.s.start()
    await h.advance(10_000) // kill and also-at-3 ran; flaky in force until 13 s
    h.s.pause()
    const state = h.s.state()
    expect(state).to.deep.include({ started: true, elapsedMs: 10_000 })
    expect(state.left.map((e) => e.name)).to.deep.equal(['off'])
    expect(state.done.map((e) => [e.name, e.ranAtMs])).to.deep.equal([
      ['kill', 3000],
      ['also-at-3', 3000],
      ['flaky', 8000],
    ])
    expect(state.inForce).to.deep.equal([{ index: 0, untilMs: 13_000 }])
    await h.advance(60_000)
    expect(h.log, 'paused: nothing more runs').to.have.length(3)

    const r = harness(JSON.parse(JSON.stringify(state)) as typeof state)
    expect(r.log, 'the app change in force is put back, not run').to.deep.equal(['reapply flaky'])
    expect(r.s.state().elapsedMs).to.equal(10_000)
    r.s.start()
    await r.advance(2999)
    expect(r.log).to.have.length(1)
    await r.advance(1)
    expect(r.log.slice(1), 'it ends at 13 s of schedule time').to.deep.equal(['end flaky'])
    await r.advance(6999)
    expect(r.log).to.have.length(2)
    await r.advance(1)
    expect(r.log.slice(2)).to.deep.equal(['run off'])
    expect(r.events.map((e) => e.entry.name)).to.deep.equal(['flaky', 'off'])
    expect(r.s.state().done.map((d) => d.name)).to.deep.equal(['kill', 'also-at-3', 'flaky', 'off'])
  })

  it('refuses a state whose entries are not in the scenario', () => {
    const h = harness()
    const state = h.s.state()
    state.left[0]!.atMs = 4000
    expect(() => harness(state)).to.throw(
      'failed to resume the schedule: its entry 1 (at 4000 ms) is not in the scenario'
    )
  })
})
