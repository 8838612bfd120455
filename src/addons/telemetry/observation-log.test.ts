import { expect } from 'chai'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import { ObservationLog, type Observation } from './observation-log.js'
import { TelemetryStore } from './telemetry-store.js'

describe('ObservationLog', () => {
  it('answers as a plain array would, across growth, wrap-around and drops', () => {
    const log = new ObservationLog(['a', 'b', 'c'])
    const model: Observation[] = []
    const sets = [{ x: '1' }, { x: '2' }, { x: '3' }]
    let seed = 7
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let t = 1; t <= 5000; t++) {
      const labels = sets[t % 3]!
      const counted = 1 + Math.floor(rand() * 7)
      const values = [t, t / 2, -t]
      log.push(t, labels, values, counted)
      const v: Record<string, number> = {}
      ;['a', 'b', 'c'].forEach((n, i) => {
        if (counted & (1 << i)) v[n] = values[i]!
      })
      model.push({ atMs: t, labels, values: v })
      if (rand() < 0.3) {
        const n = Math.floor(rand() * 4)
        log.dropOldest(n)
        model.splice(0, n)
      }
    }
    expect(log.size).to.equal(model.length)
    expect(log.all()).to.deep.equal(model)
    expect(log.between(1000, 3000)).to.deep.equal(
      model.filter((o) => o.atMs > 1000 && o.atMs <= 3000)
    )
    expect(log.oldestAtMs()).to.equal(model[0]?.atMs)
    expect(() => new ObservationLog(Array.from({ length: 9 }, (_, i) => `m${i}`))).to.throw(
      'at most 8 metrics'
    )
  })

  it('a store keeps at most maxObservations, and none older than its retention', () => {
    const store = new TelemetryStore({ maxObservations: 1500, retentionMs: 1_000_000 })
    const call = (startMs: number) =>
      callReports({ from: workload('a'), to: workload('b'), service: 'b', startMs })
    for (let i = 0; i < 1000; i++) for (const r of call(i)) store.ingest(r)
    expect(store.observationsIn(-Infinity, Infinity)).to.have.length(1500)
    expect(store.observationsIn(-Infinity, Infinity)[0]?.atMs).to.equal(250 + 12)
    // A report 1,000 s later: everything before it is past the retention.
    for (const r of call(2_000_000)) store.ingest(r)
    expect(store.observationsIn(-Infinity, Infinity).map((o) => o.atMs)).to.deep.equal([
      2_000_012, 2_000_012,
    ])
    expect(store.reportsReceived).to.equal(2002)
  })
})
