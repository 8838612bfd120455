import { expect } from 'chai'
import { callReports, workload } from '../../testing/addons/synthetic-reports.js'
import { EnvoySpan } from './envoy-span.js'

describe('SpanShape', () => {
  const iag = workload('msb-iag', 'onap', '10.1.1.5')
  const mc = workload('multicloud', 'onap', '10.1.1.6')
  const call = (i: number, path = '/api/multicloud/v0/swagger.json') =>
    callReports({
      from: iag,
      to: mc,
      service: 'multicloud',
      startMs: 1e12 + i,
      path,
      traceId: '824fbd828d809bf4',
      spanId: '0a1b2c3d4e5f6071',
    }).map((r) => EnvoySpan.of(r)!)

  it("shares one shape among a proxy side's spans while their strings stay the same", () => {
    const [c1, s1] = call(1)
    const [c2, s2] = call(2)
    expect(c2!.shape).to.equal(c1!.shape)
    expect(s2!.shape).to.equal(s1!.shape)
    // The caller's and the callee's proxies (two sides) never share.
    expect(s1!.shape).to.not.equal(c1!.shape)
    expect([c1!.kind, s1!.kind]).to.deep.equal(['client', 'server'])
    expect([c1!.serviceName, s1!.serviceName]).to.deep.equal(['msb-iag', 'multicloud'])
  })

  it('makes a new shape when a string changes, and the span reads the new one', () => {
    const [c1] = call(1)
    const [c2] = call(2, '/api/multicloud/v1/other')
    expect(c2!.shape).to.not.equal(c1!.shape)
    expect(c2!.path).to.equal('/api/multicloud/v1/other')
    expect(c1!.path).to.equal('/api/multicloud/v0/swagger.json')
  })
})
