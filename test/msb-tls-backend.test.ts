import { expect } from 'chai'
import { request } from 'node:http'
import { msbBenchObjects } from '../src/bench/msb-objects.js'
import { startClusterTestLab, until, type ClusterTestLab } from './support/lab-fixture.js'

// A backend whose container port is named `https` (it serves TLS), registered twice in MSB: with
// enable_ssl (msb-iag must speak TLS to it) and without (msb-iag speaks plain HTTP and is reset).
const backend = (info: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: securecho, namespace: onap}
spec:
  replicas: 1
  selector: {matchLabels: {app: securecho}}
  template:
    metadata: {labels: {app: securecho}}
    spec:
      containers:
      - {name: securecho, image: example.com/securecho:1.0, ports: [{containerPort: 8443, name: https}]}
---
apiVersion: v1
kind: Service
metadata:
  name: securecho
  namespace: onap
  annotations:
    msb.onap.org/service-info: '${info}'
spec:
  selector: {app: securecho}
  ports: [{name: https-securecho, port: 8443}]
`
// kube2msb lists Services and Pods cluster-wide with the namespace's default service account.
const RBAC = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: onap-default-view}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
- {kind: ServiceAccount, name: default, namespace: onap}
`
const entry = (name: string, ssl: boolean) =>
  `{"serviceName":"${name}","version":"v1","url":"/api/${name}/v1","protocol":"REST","port":"8443","enable_ssl":${String(ssl)},"visualRange":"1"}`

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const r = request(url, { timeout: 10_000 }, (res) => {
      let body = ''
      res.on('data', (c: Buffer) => (body += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    r.on('timeout', () => r.destroy())
    r.on('error', () => resolve({ status: 0, body: '' }))
    r.end()
  })
}

describe('msb-iag reaches enable_ssl backends over TLS (lab)', function () {
  this.timeout(180_000)
  let lab: ClusterTestLab
  let base = ''

  before(async () => {
    lab = await startClusterTestLab()
    const objs = msbBenchObjects()
    const yaml = [objs.namespace, ...objs.services, ...objs.deployments]
      .map((o) => JSON.stringify(o))
      .join('\n---\n')
    const both = `[${entry('securecho', true)},${entry('plainecho', false)}]`
    for (const [name, text] of [
      ['msb.yaml', yaml],
      ['rbac.yaml', RBAC],
      ['securecho.yaml', backend(both)],
    ] as const) {
      const r = await lab.kubectl(['apply', '-f', lab.file(name, text)])
      expect(r.code, r.stderr).to.equal(0)
    }
    const np = await lab.kubectl([
      'get',
      'svc',
      'msb-iag',
      '-n',
      'onap',
      '-o',
      'jsonpath={.spec.ports[0].nodePort}',
    ])
    const addrs = await lab.kubectl([
      'get',
      'nodes',
      '-o',
      'jsonpath={.items[*].status.addresses[?(@.type=="InternalIP")].address}',
    ])
    const node = addrs.stdout.trim().split(/\s+/).at(-1)!
    base = `http://${node}:${np.stdout.trim()}`
  })
  after(async () => {
    await lab?.stop()
  })

  it('answers through TLS for the enable_ssl registration, 502 for the plain one', async () => {
    let last = { status: 0, body: '' }
    await until(
      'securecho to answer through msb-iag',
      async () => (last = await get(`${base}/api/securecho/v1/hello`)).status === 200,
      120_000,
      500
    ).catch(() => undefined)
    expect(last.status, last.body).to.equal(200)
    expect(JSON.parse(last.body)).to.include({
      port: 8443,
      request: 'GET /api/securecho/v1/hello HTTP/1.1',
    })
    const plain = await get(`${base}/api/plainecho/v1/hello`)
    expect(plain.status).to.equal(502)
  })
})
