import { expect } from 'chai'
import parsePrometheusTextFormat from 'parse-prometheus-text-format'
import type { AppContext, HttpRequest, PodEndpointInfo } from '../../network/index.js'
import { selfMonitoringApp } from './mixer-app.js'

const pod: PodEndpointInfo = {
  namespace: 'istio-system',
  name: 'istio-pilot-1',
  ip: '10.9.0.7',
  nodeName: 'worker',
  labels: { istio: 'pilot' },
  serviceAccount: 'istio-pilot-service-account',
  hasSidecar: false,
  pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'istio-pilot-1' } },
}
const get = (path: string): HttpRequest => ({
  method: 'GET',
  path,
  authority: `${pod.ip}:9093`,
  headers: {},
  body: Buffer.alloc(0),
})
const ctx = (port: number) =>
  ({ pod, container: 'discovery', port, log: () => undefined }) as unknown as AppContext

describe('selfMonitoringApp (Pilot, Galley, the statsd exporter)', () => {
  const app = selfMonitoringApp()({ pod, container: 'discovery', log: () => undefined })

  it('serves its process metrics on http-monitoring 9093 (and 9102) /metrics', async () => {
    for (const port of [9093, 9102]) {
      const res = await app.handle!(get('/metrics'), ctx(port))
      expect(res.status, `port ${port}`).to.equal(200)
      expect(res.headers['content-type']).to.match(/^text\/plain; version=0\.0\.4/)
      const families = parsePrometheusTextFormat(res.body.toString('utf8'))
      const start = families.find((f) => f.name === 'process_start_time_seconds')
      expect(start?.type).to.equal('GAUGE')
      const v = Number(start?.metrics[0]?.value)
      expect(v).to.be.within(Date.now() / 1000 - 60, Date.now() / 1000 + 1)
    }
  })

  it('answers 404 on other paths and on its other ports (8080, 15010, 443)', async () => {
    expect((await app.handle!(get('/version'), ctx(9093))).status).to.equal(404)
    for (const port of [8080, 15010, 443])
      expect((await app.handle!(get('/metrics'), ctx(port))).status, `port ${port}`).to.equal(404)
  })
})
