import { expect } from 'chai'
import { serviceExternalIp, servicePorts } from './service-columns.js'

describe('servicePorts() and serviceExternalIp()', () => {
  it('prints PORT(S) and EXTERNAL-IP as kubectl get svc does', () => {
    const gateway = {
      spec: {
        type: 'LoadBalancer',
        ports: [
          { port: 80, nodePort: 31380 },
          { port: 9125, protocol: 'UDP' },
        ],
      },
    }
    expect(servicePorts(gateway)).to.deep.equal(['80:31380/TCP', '9125/UDP'])
    expect(serviceExternalIp(gateway)).to.equal('<pending>')
    expect(
      serviceExternalIp({ ...gateway, status: { loadBalancer: { ingress: [{ ip: '10.0.0.9' }] } } })
    ).to.equal('10.0.0.9')
    expect(serviceExternalIp({ spec: { type: 'NodePort' } })).to.equal('<none>')
    expect(serviceExternalIp({ spec: { externalIPs: ['1.2.3.4'] } })).to.equal('1.2.3.4')
  })
})
