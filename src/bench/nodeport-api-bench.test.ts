import { expect } from 'chai'
import { wallTimes, type WallTimes } from './api-probes.js'
import type { KubectlSamples, KubectlTraceTimes } from './nodeport-kubectl.js'
import { nodePortApiBenchOptions, nodePortApiTable } from './nodeport-api-bench.js'

describe('nodePortApiBenchOptions()', () => {
  it('defaults to 5,000 req/s for 30 s and reads the BENCH_NODEPORT_* variables', () => {
    expect(nodePortApiBenchOptions({})).to.deep.equal({
      rps: 5000,
      seconds: 30,
      idleSeconds: 15,
      warmupSeconds: 3,
      connections: 64,
      maxConnections: 500,
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
  const trace = (server: number): KubectlTraceTimes => {
    const parts = ['startMs', 'setupMs', 'requestMs', 'dialMs', 'tlsMs', 'serverMs', 'afterMs']
    const t = Object.fromEntries(parts.map((p) => [p, w(1)])) as Record<string, WallTimes>
    return { ...t, serverMs: w(server), wallMs: w(50 + server) } as KubectlTraceTimes
  }
  const k = (p50: number, server: number): KubectlSamples => ({
    byCommand: { 'kubectl get pods': w(p50 - 5), 'kubectl get pods -A': w(p50) },
    all: w(p50),
    traced: trace(server),
  })
  const side = (kubectl: number, rps: number, cpuSeconds: number) => ({
    idle: {
      kubectl: k(60, 2),
      api: w(2),
      daemonCpu: 0.02,
      daemonCpuSeconds: 0.2,
      seconds: 10,
      machine: { busyCores: 0.3, load1: 0.5, labChildrenCpu: 0.2 },
    },
    load: {
      kubectl: k(kubectl, 7),
      api: w(4),
      daemonCpu: 0.9,
      daemonCpuSeconds: cpuSeconds,
      seconds: 30,
      machine: { busyCores: 1.5, load1: 2.5, labChildrenCpu: 0.25 },
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
      perSecond: [5001, 4990],
      peakConnections: 70,
      maxBehindMs: 12,
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
    expect(row('kubectl get pods, lab idle')).to.match(/ 65\s+95\s+95\s+95/)
    expect(row('all of these, lab under load')).to.match(/ 90\s+120/)
    // The traced run's parts (samples x, x+10, x+40): the server idle and under load, p50, p90.
    const traces = lines.filter((l) => l.includes('server '))
    expect(traces[0]).to.match(/lab idle\s+p50 .*server 12\) .*wall 62 ms/)
    expect(traces[2]).to.match(/lab under load\s+p50 .*server 17\) .*wall 67 ms/)
    expect(traces[3]).to.match(/p90 .*server 47\)/)
    expect(lines.join('\n')).to.match(
      /machine in the lab phases: idle 0\.30 cores busy, load 0\.5, lab's Prometheus 20%; under load 1\.50 cores busy/
    )
    expect(lines.join('\n')).to.match(/slowest second 4990.*70 connections at most, 12 ms behind/)
    // (27.6 s − 0.02 × 30 s) / 150,000 requests = 180 µs; the bare side (15.6 − 0.6) / 150,000 = 100 µs.
    expect(lines.join('\n')).to.match(
      /daemon 2% idle, 90% under load \(180 µs per request over idle\)/
    )
    expect(lines.join('\n')).to.match(/bare process 2% idle, 90% under load \(100 µs per request/)
    expect(lines.join('\n')).to.match(/5000 req\/s of 5000/)
  })
})
