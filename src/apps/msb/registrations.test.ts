import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import { registrationsOf } from './registrations.js'
import { parseServiceInfo } from './service-info.js'

const svc = (
  name: string,
  info: string | undefined,
  spec: Record<string, unknown> = { type: 'NodePort', clusterIP: '10.96.0.20' }
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: {
    name,
    namespace: 'onap',
    ...(info !== undefined ? { annotations: { 'msb.onap.org/service-info': info } } : {}),
  },
  spec,
})

describe('parseServiceInfo()', () => {
  it('decodes an array of entries, ignoring unknown fields', () => {
    const [a] = parseServiceInfo(
      '[{"serviceName":"multicloud","version":"v0","url":"/api/multicloud/v0","protocol":"REST","port":"9001","visualRange":"1","extra":1}]'
    )
    expect(a).to.deep.include({
      serviceName: 'multicloud',
      version: 'v0',
      port: '9001',
      enable_ssl: false,
      ip: '',
    })
  })

  it("fails as Go's encoding/json does on broken or wrongly typed annotations", () => {
    expect(() => parseServiceInfo('[{"serviceName": "x"')).to.throw('unexpected end of JSON input')
    expect(() => parseServiceInfo('{"serviceName":"x"}')).to.throw(
      'json: cannot unmarshal object into Go value of type []*main.ServiceAnnotation'
    )
    expect(() => parseServiceInfo('[{"serviceName":"x","port":9001}]')).to.throw(
      'json: cannot unmarshal number into Go struct field ServiceAnnotation.port of type string'
    )
    expect(() => parseServiceInfo("[{'serviceName':'x'}]")).to.throw("invalid character '''")
  })
})

describe('registrationsOf()', () => {
  it("registers every entry with the Service's ClusterIP, as kube2msb's POST body", () => {
    const info =
      '[{"serviceName":"multicloud-ocata","version":"v0","url":"/api/multicloud-ocata/v0","protocol":"REST","port":"9006","visualRange":"1"},{"serviceName":"multicloud-ocata","version":"v1","url":"/api/multicloud-ocata/v1","protocol":"REST","port":"9006","visualRange":"1"}]'
    const regs = registrationsOf('service', svc('multicloud-ocata', info), () => {})
    expect(regs.map((r) => r.id)).to.deep.equal([
      'multicloud-ocata/v0/10.96.0.20/9006',
      'multicloud-ocata/v1/10.96.0.20/9006',
    ])
    expect(regs[0]?.body).to.deep.equal({
      serviceName: 'multicloud-ocata',
      version: 'v0',
      url: '/api/multicloud-ocata/v0',
      protocol: 'REST',
      visualRange: '1',
      lb_policy: '',
      path: '',
      enable_ssl: false,
      nodes: [{ ip: '10.96.0.20', port: '9006' }],
    })
  })

  it('logs a malformed annotation as kube2msb does and registers nothing for it', () => {
    const logs: string[] = []
    expect(
      registrationsOf('service', svc('broken', '[{"serviceName":'), (l) => logs.push(l))
    ).to.deep.equal([])
    expect(logs).to.deep.equal([
      'Failed to Unmarshal serviceInfo to ServiceAnnotation:unexpected end of JSON input',
    ])
  })

  it('skips objects without the annotation, headless Services and Pods without an IP', () => {
    const logs: string[] = []
    const info = '[{"serviceName":"x","port":"1"}]'
    expect(registrationsOf('service', svc('plain', undefined), (l) => logs.push(l))).to.deep.equal(
      []
    )
    expect(
      registrationsOf('service', svc('headless', info, { clusterIP: 'None' }), (l) => logs.push(l))
    ).to.deep.equal([])
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', annotations: { 'msb.onap.org/service-info': info } },
      status: {},
    }
    expect(registrationsOf('pod', pod, (l) => logs.push(l))).to.deep.equal([])
    expect(logs).to.deep.equal(['Skipping dns record for headless service: headless'])
  })
})
