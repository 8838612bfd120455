import { expect } from 'chai'
import {
  checkCounterGrowth,
  checkGraphEdge,
  checkTraceLink,
  scalarOf,
  type JaegerTraceJson,
} from './telemetry-checks.js'

const trace = (id: string, spans: [string, string, string?][]): JaegerTraceJson => ({
  traceID: id,
  spans: spans.map(([spanID, svc, parent]) => ({
    spanID,
    operationName: 'op',
    processID: svc,
    references: parent ? [{ refType: 'CHILD_OF', spanID: parent }] : [],
  })),
  processes: Object.fromEntries(spans.map(([, svc]) => [svc, { serviceName: svc }])),
})

describe('telemetry checks', () => {
  it('counter growth: passes on N, fails naming the difference', () => {
    checkCounterGrowth(3, 8, 5, 'istio_requests_total')
    expect(() => checkCounterGrowth(3, 6, 5, 'istio_requests_total')).to.throw(
      /grew by 3 \(from 3 to 6\); expected 5/
    )
    expect(scalarOf([], 'q')).to.equal(0)
    expect(scalarOf([{ metric: {}, value: [1, '4'] }], 'q')).to.equal(4)
  })
  it('graph edge: passes with msb-iag → multicloud, fails naming the edges it has', () => {
    const g = {
      nodes: {},
      edges: [
        {
          source: 'msb-iag (msb-iag)',
          target: 'multicloud (multicloud)',
          labels: { 'reqs/sec': '0.200000' },
        },
      ],
    }
    checkGraphEdge(g, 'msb-iag', 'multicloud')
    expect(() => checkGraphEdge(g, 'msb-iag', 'vfc-nslcm')).to.throw(
      /no edge msb-iag → vfc-nslcm \(it has: msb-iag \(msb-iag\) → multicloud/
    )
    const idle = { nodes: {}, edges: [{ ...g.edges[0]!, labels: { 'reqs/sec': '0.000000' } }] }
    expect(() => checkGraphEdge(idle, 'msb-iag', 'multicloud')).to.throw(/reqs\/sec 0.000000/)
  })
  it('trace link: passes on one trace, fails naming the hop when the headers were not forwarded', () => {
    checkTraceLink(
      [
        trace('t1', [
          ['a', 'msb-iag'],
          ['b', 'msb-iag', 'a'],
          ['c', 'multicloud', 'b'],
        ]),
      ],
      'msb-iag',
      'multicloud'
    )
    const broken = [
      trace('t1', [['a', 'msb-iag']]),
      trace(
        't2',
        [
          ['x', 'msb-iag'],
          ['y', 'multicloud', 'x'],
        ].slice(1) as [string, string, string?][]
      ),
    ]
    expect(() => checkTraceLink(broken, 'msb-iag', 'multicloud')).to.throw(
      /breaks at the hop msb-iag → multicloud/
    )
  })
})
