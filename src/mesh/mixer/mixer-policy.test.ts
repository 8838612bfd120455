import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import { fakeClock } from '../../util/index.js'
import { meshOf, testPod } from '../../testing/mesh/mesh-fixtures.js'
import { evaluate } from './expression.js'
import { MemQuota } from './memquota.js'
import { MixerPolicy } from './mixer-policy.js'

const bag = {
  'request.headers': { cookie: 'user=jason' },
  'destination.labels': { app: 'reviews', version: 'v3' },
  'destination.service': 'reviews.default.svc.cluster.local',
}

describe('Mixer expressions', () => {
  it('evaluates attributes, map lookups, fallbacks, comparisons and match()', () => {
    expect(evaluate('destination.labels["app"] | "unknown"', bag)).to.equal('reviews')
    expect(evaluate('request.headers["x-forwarded-for"] | "unknown"', bag)).to.equal('unknown')
    expect(
      evaluate('destination.labels["version"] == "v3" && destination.service != "x"', bag)
    ).to.equal(true)
    expect(evaluate('match(request.headers["cookie"], "user=*") == false', bag)).to.equal(false)
    expect(evaluate('!(destination.labels["app"] == "ratings") || false', bag)).to.equal(true)
    expect(() => evaluate('destination.labels[', bag)).to.throw(/failed to parse expression/)
  })
})

describe('MemQuota', () => {
  it('allows maxAmount per rolling validDuration', () => {
    const clock = fakeClock()
    const q = new MemQuota(clock)
    expect([1, 2, 3].map(() => q.allocate('k', 1, 2, 5000))).to.deep.equal([true, true, false])
    clock.advance(4999)
    expect(q.allocate('k', 1, 2, 5000)).to.equal(false)
    clock.advance(1)
    expect(q.allocate('k', 1, 2, 5000)).to.equal(true)
    expect(q.allocate('other', 1, 2, 5000)).to.equal(true)
  })
})

describe('MixerPolicy', () => {
  const reviewsV3 = testPod({ app: 'reviews', version: 'v3', ips: [] }, '10.1.0.13', 0)
  const reviewsV1 = testPod({ app: 'reviews', version: 'v1', ips: [] }, '10.1.0.11', 0)
  const input = (dest: KubeObject) => ({
    req: { method: 'GET', path: '/', authority: 'reviews', headers: {}, body: Buffer.alloc(0) },
    sourceIp: '10.1.0.20',
    destination: dest,
    destinationService: {
      hostname: 'reviews.default.svc.cluster.local',
      name: 'reviews',
      namespace: 'default',
    },
  })

  it('denies with a denier rule whose match holds (403 PERMISSION_DENIED:<handler>:<message>)', () => {
    const m = meshOf([
      `
apiVersion: config.istio.io/v1alpha2
kind: denier
metadata: {name: denyreviewsv3handler, namespace: default}
spec: {status: {code: 7, message: Not allowed}}
---
apiVersion: config.istio.io/v1alpha2
kind: checknothing
metadata: {name: denyreviewsv3request, namespace: default}
spec: {}
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: denyreviewsv3, namespace: default}
spec:
  match: destination.labels["app"] == "reviews" && destination.labels["version"] == "v3"
  actions: [{handler: denyreviewsv3handler.denier, instances: [denyreviewsv3request.checknothing]}]
`,
    ])
    const p = new MixerPolicy(fakeClock())
    expect(p.check(m, input(reviewsV3))).to.deep.equal({
      code: 'PERMISSION_DENIED',
      message: 'denyreviewsv3handler.denier.default:Not allowed',
    })
    expect(p.check(m, input(reviewsV1))).to.equal(undefined)
    expect(p.check(meshOf([]), input(reviewsV3))).to.equal(undefined)
  })

  it('checks a whitelist with a listchecker', () => {
    const m = meshOf([
      `
apiVersion: config.istio.io/v1alpha2
kind: listchecker
metadata: {name: whitelist, namespace: default}
spec: {overrides: [v1, v2], blacklist: false}
---
apiVersion: config.istio.io/v1alpha2
kind: listentry
metadata: {name: appversion, namespace: default}
spec: {value: 'destination.labels["version"]'}
---
apiVersion: config.istio.io/v1alpha2
kind: rule
metadata: {name: checkversion, namespace: default}
spec:
  actions: [{handler: whitelist.listchecker, instances: [appversion.listentry]}]
`,
    ])
    const p = new MixerPolicy(fakeClock())
    expect(p.check(m, input(reviewsV3))?.message).to.equal(
      'whitelist.listchecker.default:v3 is not whitelisted'
    )
    expect(p.check(m, input(reviewsV1))).to.equal(undefined)
  })
})
