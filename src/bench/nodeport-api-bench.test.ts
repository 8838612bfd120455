import { expect } from 'chai'
import { wallTimes } from './api-probes.js'
import { nodePortApiBenchOptions, nodePortApiTable } from './nodeport-api-bench.js'

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
  it('returns p50, p90, p99 and max of the samples', () => {
    const ms = Array.from({ length: 10 }, (_, i) => (i + 1) * 10)
    expect(wallTimes(ms, 2)).to.deep.equal({
      samples: 10,
      p50ms: 60,
      p90ms: 100,
      p99ms: 100,
      maxms: 100,
      failures: 2,
    })
    expect(wallTimes([], 0).maxms).to.equal(0)
    const many = Array.from({ length: 200 }, (_, i) => i + 1)
    expect([wallTimes(many, 0).p99ms, wallTimes(many, 0).maxms]).to.deep.equal([199, 200])
  })
})

describe('nodePortApiTable()', () => {
  const w = (p50: number) => wallTimes([p50, p50 + 10, p50 + 40], 0)
  const side = (kubectl: number, rps: number, cpuSeconds: number) => ({
    idle: { kubectl: w(60), api: w(2), daemonCpu: 0.02, daemonCpuSeconds: 0.2, seconds: 10 },
    load: {
      kubectl: w(kubectl),
      api: w(4),
      daemonCpu: 0.9,
      daemonCpuSeconds: cpuSeconds,
      seconds: 30,
    },
    nodePort: {
      targetRps: 5000,
      rps,
      ok: rps * 30,
      errors: 0,
      missed: 0,
      seconds: 30,
      p50ms: 1,
      p99ms: 9,
      cpuSeconds: 3,
      perSecond: [],
    },
    loadCpu: 0.1,
    targets: ['127.0.0.1:1'],
  })

  it('shows the lab and the bare reference side by side, with CPU per request over idle', () => {
    const lines = nodePortApiTable({ ...side(80, 5000, 27.6), reference: side(65, 5000, 15.6) })
    const row = (label: string) => lines.find((l) => l.includes(label))?.trim()
    expect(row('kubectl get pods -A, lab under load')).to.match(
      / 90\s+120\s+120\s+120\s+\(3 runs\)$/
    )
    expect(row('kubectl get pods -A, bare under load')).to.match(/ 75\s+105\s+105\s+105/)
    // (27.6 s − 0.02 × 30 s) / 150,000 requests = 180 µs; the bare side (15.6 − 0.6) / 150,000 = 100 µs.
    expect(lines.join('\n')).to.match(
      /daemon 2% idle, 90% under load \(180 µs per request over idle\)/
    )
    expect(lines.join('\n')).to.match(/bare process 2% idle, 90% under load \(100 µs per request/)
    expect(lines.join('\n')).to.match(/5000 req\/s of 5000/)
  })
})
