import { expect } from 'chai'
import { meshOf, testPod, testService } from '../../testing/mesh/mesh-fixtures.js'
import { buildProxyConfig, createPushContext } from '../pilot/index.js'
import { printProxyConfig } from './proxy-config-print.js'
import { printProxyStatus } from './proxy-status.js'
import { printTlsCheck, tlsCheckRows } from './tls-check.js'

const v1 = testPod({ app: 'reviews', version: 'v1', ips: [] }, '10.1.0.11', 0)
const base = [v1, ...testService('reviews', 'default', '10.96.0.10', [v1])]

describe('istioctl', () => {
  it('authn tls-check: OK/CONFLICT from the policy and the DestinationRule', () => {
    const strict = `
apiVersion: authentication.istio.io/v1alpha1
kind: MeshPolicy
metadata: {name: default}
spec: {peers: [{mtls: {}}]}
`
    const dr = `
apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata: {name: default, namespace: istio-system}
spec: {host: '*.local', trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}}
`
    expect(
      printTlsCheck(tlsCheckRows(meshOf([...base, strict]), 'reviews.default.svc.cluster.local'))
    ).to.equal(
      'HOST:PORT                                  STATUS       SERVER     CLIENT     AUTHN POLICY     DESTINATION RULE\n' +
        'reviews.default.svc.cluster.local:9080     CONFLICT     mTLS       HTTP       default/         -\n'
    )
    const ok = tlsCheckRows(meshOf([...base, strict, dr]))[0]!
    expect([ok.status, ok.client, ok.destinationRule]).to.deep.equal([
      'OK',
      'mTLS',
      'default/istio-system',
    ])
    expect(tlsCheckRows(meshOf(base))[0]).to.include({
      status: 'OK',
      server: 'HTTP',
      client: 'HTTP',
      authnPolicy: '-',
    })
    expect(printTlsCheck(tlsCheckRows(meshOf(base), 'nope'))).to.equal('nothing to output\n')
  })

  it('proxy-config prints clusters, listeners, routes and endpoints tables and JSON', () => {
    const m = meshOf(base)
    const cfg = buildProxyConfig(createPushContext(m), v1)
    const clusters = printProxyConfig(cfg, 'clusters', false)
    expect(clusters.split('\n')[0]).to.match(/^SERVICE FQDN\s+PORT\s+SUBSET\s+DIRECTION\s+TYPE$/)
    expect(clusters).to.match(/reviews\.default\.svc\.cluster\.local\s+9080\s+-\s+outbound\s+EDS/)
    expect(clusters).to.match(/reviews\.default\.svc\.cluster\.local\s+9080\s+-\s+inbound\s+STATIC/)
    expect(printProxyConfig(cfg, 'listeners', false)).to.match(/10\.1\.0\.11\s+9080\s+HTTP/)
    expect(printProxyConfig(cfg, 'routes', false)).to.match(
      /^NOTE: This output only contains routes loaded via RDS\.\nNAME\s+VIRTUAL HOSTS\n/
    )
    expect(printProxyConfig(cfg, 'endpoints', false)).to.match(
      /10\.1\.0\.11:9080\s+HEALTHY\s+outbound\|9080\|\|reviews/
    )
    expect(JSON.parse(printProxyConfig(cfg, 'clusters', true))).to.have.length(cfg.clusters.length)
  })

  it('proxy-status lists running proxies only while Pilot runs', () => {
    const pilot = {
      ...testPod(
        { app: 'istio-pilot', version: 'v', ips: [], sidecar: false, namespace: 'istio-system' },
        '10.1.0.2',
        0
      ),
    }
    pilot.metadata = { ...pilot.metadata, labels: { istio: 'pilot' } }
    expect(printProxyStatus(meshOf(base))).to.equal(
      'PROXY     CDS     LDS     EDS     RDS     PILOT     VERSION\n'
    )
    const out = printProxyStatus(meshOf([...base, pilot]))
    expect(out.split('\n')[1]).to.match(
      /^reviews-v1-5d8f9c-0\.default\s+SYNCED\s+SYNCED\s+SYNCED \(100%\)\s+SYNCED\s+istio-pilot-v-5d8f9c-0\s+1\.0\.0$/
    )
  })
})
