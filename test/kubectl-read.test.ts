import { expect } from 'chai'
import { spawn } from 'node:child_process'
import { KUBECTL, startTestLab, type TestLab } from './support/lab-fixture.js'

const CRD = `apiVersion: apiextensions.k8s.io/v1beta1
kind: CustomResourceDefinition
metadata:
  name: gateways.networking.istio.io
spec:
  group: networking.istio.io
  names:
    kind: Gateway
    plural: gateways
    singular: gateway
    listKind: GatewayList
    categories: [istio-io, networking-istio-io]
  scope: Namespaced
  version: v1alpha3
---
apiVersion: networking.istio.io/v1alpha3
kind: Gateway
metadata:
  name: ingress
  namespace: default
spec:
  selector: { istio: ingressgateway }
  servers:
  - port: { number: 80, name: http, protocol: HTTP }
    hosts: ["*"]
`

describe('kubectl reads against the sim', function () {
  this.timeout(60_000)
  let lab: TestLab

  before(async () => {
    lab = await startTestLab()
    await lab.kubectl(['create', 'namespace', 'onap'])
    const pod = (n: string, ns: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${n}, namespace: ${ns}}\nspec:\n  containers: [{name: a, image: busybox}, {name: b, image: busybox}]\n`
    await lab.kubectl([
      'apply',
      '-f',
      lab.file('p.yaml', pod('p1', 'onap') + '---\n' + pod('p2', 'default')),
    ])
  })
  after(async () => lab.stop())

  it('prints pods with -o wide (IP, NODE columns)', async () => {
    const r = await lab.kubectl(['get', 'pods', '-n', 'onap', '-o', 'wide'])
    expect(r.stdout.split('\n')[0]).to.match(
      /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/
    )
    expect(r.stdout).to.match(
      /^p1\s+0\/2\s+Pending\s+0\s+\S+\s+<none>\s+<none>\s+<none>\s+<none>$/m
    )
  })

  it('prints every namespace with -A', async () => {
    const r = await lab.kubectl(['get', 'pods', '-A'])
    expect(r.stdout).to.match(/^NAMESPACE\s+NAME\s+READY/)
    expect(r.stdout).to.match(/^onap\s+p1\s+0\/2/m)
    expect(r.stdout).to.match(/^default\s+p2\s+0\/2/m)
  })

  it('prints -o yaml with the defaults the server set', async () => {
    const r = await lab.kubectl(['get', 'pod', 'p1', '-n', 'onap', '-o', 'yaml'])
    expect(r.stdout).to.contain('restartPolicy: Always')
    expect(r.stdout).to.contain('serviceAccountName: default')
    expect(r.stdout).to.contain('terminationMessagePath: /dev/termination-log')
    expect(r.stdout).to.match(/uid: [0-9a-f-]{36}/)
  })

  it('answers a missing object with NotFound', async () => {
    const r = await lab.kubectl(['get', 'pod', 'nope', '-n', 'onap'])
    expect(r.code).to.equal(1)
    expect(r.stderr.trim()).to.equal('Error from server (NotFound): pods "nope" not found')
  })

  it('streams a created object to kubectl get -w', async () => {
    const child = spawn(KUBECTL, ['get', 'pods', '-n', 'onap', '-w'], {
      env: { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: lab.kubeconfig },
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    const until = async (re: RegExp) => {
      for (let i = 0; i < 200 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50))
    }
    await until(/^p1\s/m)
    await lab.kubectl(['run', 'watched', '-n', 'onap', '--image=busybox'])
    await until(/^watched\s/m)
    child.kill()
    expect(out).to.match(/^NAME\s+READY\s+STATUS/)
    expect(out).to.match(/^watched\s+0\/1\s+Pending/m)
  })

  it('serves a v1beta1 CRD at once, with its custom resource and kubectl get <plural>', async () => {
    const [crd, cr] = CRD.split('---\n')
    const r = await lab.kubectl(['apply', '-f', lab.file('crd.yaml', crd!)])
    expect(r.stderr).to.equal('')
    expect(r.stdout.trim()).to.equal(
      'customresourcedefinition.apiextensions.k8s.io/gateways.networking.istio.io created'
    )
    const c = await lab.kubectl(['apply', '-f', lab.file('cr.yaml', cr!)])
    expect(c.stderr).to.equal('')
    expect(c.stdout.trim()).to.equal('gateway.networking.istio.io/ingress created')
    const g = await lab.kubectl(['get', 'gateways'])
    expect(g.stdout).to.match(/^NAME\s+AGE\ningress\s+\S+/)
    const crds = await lab.kubectl(['get', 'crd'])
    expect(crds.stdout).to.match(/^NAME\s+CREATED AT\ngateways\.networking\.istio\.io\s+\d{4}-/)
  })

  it('refuses a kind the 1.11 profile does not serve', async () => {
    const doc =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: onap}\nspec: {}\n'
    const r = await lab.kubectl(['apply', '-f', lab.file('ing.yaml', doc)])
    expect(r.code).to.not.equal(0)
    expect(r.stderr).to.contain('no matches for kind "Ingress" in version "networking.k8s.io/v1"')
  })
})
