import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { ContainerUsageMeter, packetsOf } from './container-usage.js'
import {
  meterAppHost,
  requestWireBytes,
  responseWireBytes,
  servingContainer,
} from './metered-app-host.js'

const podObj = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'onap' },
  spec: {
    containers: [
      { name: 'istio-proxy', ports: [{ containerPort: 15090 }] },
      { name: 'web', ports: [{ containerPort: 8080 }] },
      { name: 'admin', ports: [{ containerPort: 9000 }] },
    ],
  },
})
const pod = (name: string, ip: string) => ({ namespace: 'onap', name, ip, pod: podObj(name) })
const req = { method: 'GET', path: '/x', headers: { host: 'web' }, body: Buffer.alloc(0) }
const res = { status: 200, headers: { 'content-type': 'text/plain' }, body: Buffer.alloc(3000) }

describe('metered app host (what containers did)', () => {
  it('counts the request on the container serving the port and on both pods’ eth0', async () => {
    const meter = new ContainerUsageMeter(
      () => 0,
      () => 5000
    )
    let seenInFlight = -1
    const host = meterAppHost(
      {
        serve: async () => {
          seenInFlight = meter.container('onap', 'server', 'admin', 0).workingSetBytes
          return res
        },
      },
      meter
    )
    const from = { kind: 'pod' as const, pod: pod('client', '10.0.0.1') }
    await host.serve(pod('server', '10.0.0.2'), 9000, from, req)
    const inBytes = requestWireBytes(req)
    const outBytes = responseWireBytes(res)
    expect(inBytes).to.equal('GET /x HTTP/1.1\r\n'.length + 'host: web\r\n'.length + 2)
    expect(outBytes).to.equal(
      'HTTP/1.1 200 OK\r\n'.length + 'content-type: text/plain\r\n'.length + 2 + 3000
    )
    expect(seenInFlight).to.equal(inBytes)
    expect(meter.container('onap', 'server', 'admin', 0)).to.deep.include({
      requests: 1,
      workingSetBytes: 0,
    })
    expect(meter.container('onap', 'server', 'web', 0).requests).to.equal(0)
    expect(meter.podNetwork('onap', 'server', 0)).to.deep.equal({
      rxBytes: inBytes,
      txBytes: outBytes,
      rxPackets: 1,
      txPackets: packetsOf(outBytes),
    })
    expect(meter.podNetwork('onap', 'client', 0).rxBytes).to.equal(outBytes)
    expect(packetsOf(outBytes)).to.equal(3)
  })

  it('keeps loopback traffic off eth0 and picks the first app container for undeclared ports', async () => {
    const meter = new ContainerUsageMeter()
    const host = meterAppHost({ serve: async () => res }, meter)
    const self = pod('server', '10.0.0.2')
    await host.serve(self, 7777, { kind: 'pod', pod: self }, req)
    expect(meter.podNetwork('onap', 'server', 0).rxBytes).to.equal(0)
    expect(meter.container('onap', 'server', 'web', 0).requests).to.equal(1)
    expect(servingContainer(podObj('x'), 15090)).to.equal('istio-proxy')
  })

  it('releases in-flight bytes when the app fails', async () => {
    const meter = new ContainerUsageMeter()
    const host = meterAppHost({ serve: () => Promise.reject(new Error('refused')) }, meter)
    let failed = false
    await host
      .serve(pod('server', '10.0.0.2'), 8080, { kind: 'host' }, req)
      .catch(() => (failed = true))
    expect(failed).to.equal(true)
    expect(meter.container('onap', 'server', 'web', 0)).to.deep.include({
      requests: 0,
      workingSetBytes: 0,
    })
  })

  it('takes a lazily serialized body’s length without making its bytes', () => {
    const lazy = {
      method: 'POST',
      path: '/api/v1/spans',
      headers: { host: 'zipkin' },
      bodyLength: 1234,
      get body(): Buffer {
        throw new Error('the body was serialized')
      },
    }
    const line = 'POST /api/v1/spans HTTP/1.1\r\n'.length + 'host: zipkin\r\n'.length + 2
    expect(requestWireBytes(lazy)).to.equal(line + 1234)
    // Without a known length, the bytes are what counts.
    expect(requestWireBytes({ ...req, method: 'POST', body: Buffer.alloc(7) })).to.equal(
      'POST /x HTTP/1.1\r\n'.length + 'host: web\r\n'.length + 2 + 7
    )
  })
})
