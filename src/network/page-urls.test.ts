import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { pageUrls } from './page-urls.js'
import { service } from '../testing/network/objects.js'

const annotated = (s: KubeObject, info: string): KubeObject => ({
  ...s,
  metadata: { ...s.metadata, annotations: { 'msb.onap.org/service-info': info } },
})

describe('pageUrls()', () => {
  const iag = service(
    'msb-iag',
    '10.96.0.20',
    [
      { name: 'http-msb-iag', port: 80, nodePort: 30280 },
      { name: 'https-msb-iag', port: 443, nodePort: 30283 },
    ],
    { type: 'NodePort', namespace: 'onap' }
  )
  const mc = annotated(
    service('multicloud', '10.96.0.21', [{ port: 9001, nodePort: 30291 }], {
      type: 'NodePort',
      namespace: 'onap',
    }),
    '[{"serviceName":"multicloud","version":"v0","url":"/api/multicloud/v0","protocol":"REST","port":"9001","visualRange":"1"}]'
  )
  const vio = annotated(
    service('multicloud-vio', '10.96.0.22', [{ port: 9004 }], { namespace: 'onap' }),
    '[{"serviceName":"multicloud-vio","version":"v0","url":"/api/multicloud-vio/v0/","protocol":"REST"}]'
  )
  const broken = annotated(
    service('multicloud-ocata', '10.96.0.23', [{ port: 9006 }]),
    '[{"serviceName":'
  )
  const vfc = annotated(
    service('vfc-nslcm', '10.96.0.24', [{ port: 8403 }]),
    '[{"serviceName":"nslcm","version":"v1","url":"/api/nslcm/v1","protocol":"REST"}]'
  )
  const tracing = service(
    'tracing',
    '10.96.0.30',
    [{ name: 'http-query', port: 80, nodePort: 30188 }],
    { type: 'LoadBalancer' }
  )
  const grafana = service('grafana', '10.96.0.31', [{ port: 3000 }])

  it('lists the portal, the multicloud swagger documents and the add-ons on every node address', () => {
    const urls = pageUrls(
      [iag, mc, vio, broken, vfc, tracing, grafana],
      ['127.0.10.104', '127.0.10.105']
    )
    expect(urls.map((u) => `${u.title} ${u.url}`)).to.deep.equal([
      'MSB portal http://127.0.10.104:30280/iui/microservices/default.html',
      'MSB portal http://127.0.10.105:30280/iui/microservices/default.html',
      'Swagger http://127.0.10.104:30280/api/multicloud-vio/v0/swagger.json',
      'Swagger http://127.0.10.105:30280/api/multicloud-vio/v0/swagger.json',
      'Swagger http://127.0.10.104:30280/api/multicloud/v0/swagger.json',
      'Swagger http://127.0.10.105:30280/api/multicloud/v0/swagger.json',
      'Tracing http://127.0.10.104:30188/',
      'Tracing http://127.0.10.105:30188/',
    ])
  })

  it('lists nothing through MSB while msb-iag has no NodePort', () => {
    const clusterIp = service('msb-iag', '10.96.0.20', [{ port: 80 }], { namespace: 'onap' })
    expect(pageUrls([clusterIp, mc], ['127.0.10.104'])).to.deep.equal([])
  })

  it('takes the NodePort numbers from the Services', () => {
    const moved = service('msb-iag', '10.96.0.20', [{ name: 'http', port: 80, nodePort: 31111 }], {
      type: 'NodePort',
    })
    expect(pageUrls([moved], ['127.0.10.106'])).to.deep.equal([
      { title: 'MSB portal', url: 'http://127.0.10.106:31111/iui/microservices/default.html' },
    ])
  })
})
