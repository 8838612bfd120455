import { expect } from 'chai'
import { wallTimes } from './api-probes.js'
import { nodePortApiBenchOptions } from './nodeport-api-bench.js'

describe('nodePortApiBenchOptions()', () => {
  it('defaults to 5,000 req/s for 30 s and reads the BENCH_NODEPORT_* variables', () => {
    expect(nodePortApiBenchOptions({})).to.deep.equal({
      rps: 5000,
      seconds: 30,
      idleSeconds: 10,
      connections: 64,
    })
    const o = nodePortApiBenchOptions({ BENCH_NODEPORT_RPS: '800', BENCH_NODEPORT_SECONDS: '5' })
    expect([o.rps, o.seconds]).to.deep.equal([800, 5])
  })

  it('refuses a load longer than 30 s or a rate that is not a number', () => {
    expect(() => nodePortApiBenchOptions({ BENCH_NODEPORT_SECONDS: '60' })).to.throw(
      /BENCH_NODEPORT_SECONDS=60 is not a number in \(0, 30\]/
    )
    expect(() => nodePortApiBenchOptions({ BENCH_NODEPORT_RPS: 'fast' })).to.throw(
      /BENCH_NODEPORT_RPS=fast/
    )
  })
})

describe('wallTimes()', () => {
  it('returns p50, p90 and max of the samples', () => {
    const ms = Array.from({ length: 10 }, (_, i) => (i + 1) * 10)
    expect(wallTimes(ms, 2)).to.deep.equal({
      samples: 10,
      p50ms: 60,
      p90ms: 100,
      maxms: 100,
      failures: 2,
    })
    expect(wallTimes([], 0).maxms).to.equal(0)
  })
})
