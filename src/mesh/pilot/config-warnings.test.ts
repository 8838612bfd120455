import { expect } from 'chai'
import { meshOf, testPod, testService } from '../../testing/mesh/mesh-fixtures.js'
import { configWarnings } from './config-warnings.js'
import { createPushContext } from './proxy-config.js'

const v1 = testPod({ app: 'reviews', version: 'v1', ips: [] }, '10.1.0.11', 0)

describe('configWarnings()', () => {
  it('reports unknown hosts and subsets, shadowed VirtualServices and fault percents left out', () => {
    const m = meshOf([
      v1,
      ...testService('reviews', 'default', '10.96.0.10', [v1]),
      `
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: a, creationTimestamp: '2018-11-24T00:00:00Z'}
spec:
  hosts: [reviews]
  http:
  - fault: {abort: {httpStatus: 500}}
    route: [{destination: {host: reviews, subset: v9}}]
---
apiVersion: networking.istio.io/v1alpha3
kind: VirtualService
metadata: {name: b, creationTimestamp: '2018-11-24T00:00:01Z'}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: ratings}}]}]
`,
    ])
    const w = configWarnings(createPushContext(m)).map(
      (x) => `${x.object.metadata.name} ${x.reason}: ${x.message}`
    )
    expect(w).to.deep.equal([
      'b VirtualServiceIgnored: host reviews.default.svc.cluster.local is already routed by VirtualService default/a; Pilot 1.0 uses the oldest one',
      'a UnknownSubset: subset v9 of reviews.default.svc.cluster.local is not defined by a DestinationRule: its requests get 503 (no cluster)',
      'a FaultPercentZero: fault.abort.percent is not set: Pilot 1.0.0 copies 0, so no request is aborted',
      'b UnknownHost: destination host ratings.default.svc.cluster.local is not a service or ServiceEntry: its requests get 503 (no cluster)',
    ])
    expect(
      configWarnings(
        createPushContext(meshOf([v1, ...testService('reviews', 'default', '10.96.0.10', [v1])]))
      )
    ).to.deep.equal([])
  })
})
