import { expect } from 'chai'
import { startTestLab, type TestLab } from './support/lab-fixture.js'

// A pod with a field no Kubernetes release knows, as a user's typo would put it.
const POD = (name: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: default
spec:
  foo: bar
  containers:
  - name: web
    image: nginx:1.15
`

describe('kubectl 1.33 and unknown fields', function () {
  this.timeout(90_000)

  describe('against a 1.33 profile', () => {
    let lab: TestLab
    before(async () => (lab = await startTestLab({ kubernetesVersion: '1.33.0' })))
    after(() => lab.stop())

    it('apply --validate=strict is refused by the server with the strict decoding error', async () => {
      const r = await lab.kubectl([
        'apply',
        '--validate=strict',
        '-f',
        lab.file('s.yaml', POD('s')),
      ])
      expect(r.code).to.equal(1)
      expect(r.stderr).to.include(
        'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"'
      )
      const get = await lab.kubectl(['get', 'pod', 's'])
      expect(get.code).to.equal(1)
    })

    it('apply --validate=warn creates the pod and kubectl prints the server warning', async () => {
      const r = await lab.kubectl(['apply', '--validate=warn', '-f', lab.file('w.yaml', POD('w'))])
      expect(r.code, r.stderr).to.equal(0)
      expect(r.stderr).to.include('Warning: unknown field "spec.foo"')
      expect(r.stdout.trim()).to.equal('pod/w created')
      // The field is gone from the object; apply's last-applied annotation keeps the file as given.
      const j = JSON.parse((await lab.kubectl(['get', 'pod', 'w', '-o', 'json'])).stdout)
      expect(j.spec.containers[0].image).to.equal('nginx:1.15')
      expect(j.spec).to.not.have.property('foo')
    })

    it('apply --validate=false drops the field silently', async () => {
      const r = await lab.kubectl(['apply', '--validate=false', '-f', lab.file('i.yaml', POD('i'))])
      expect(r.code, r.stderr).to.equal(0)
      expect(r.stderr).to.equal('')
    })
  })

  describe("against the page's 1.11 profile", () => {
    let lab: TestLab
    before(async () => (lab = await startTestLab()))
    after(() => lab.stop())

    it('apply --validate=strict is refused by kubectl itself: 1.11 has no /openapi/v3, so kubectl validates against /openapi/v2', async () => {
      const r = await lab.kubectl([
        'apply',
        '--validate=strict',
        '-f',
        lab.file('s.yaml', POD('s')),
      ])
      expect(r.code).to.equal(1)
      expect(r.stderr).to.include(
        'error validating data: ValidationError(Pod.spec): unknown field "foo" in io.k8s.api.core.v1.PodSpec'
      )
      const get = await lab.kubectl(['get', 'pod', 's'])
      expect(get.code).to.equal(1)
    })

    it('create --validate=false: the 1.11 server drops the field without a word', async () => {
      const r = await lab.kubectl([
        'create',
        '--validate=false',
        '-f',
        lab.file('c.yaml', POD('c')),
      ])
      expect(r.code, r.stderr).to.equal(0)
      const y = await lab.kubectl(['get', 'pod', 'c', '-o', 'yaml'])
      expect(y.stdout).to.include('name: web')
      expect(y.stdout).to.not.include('foo')
    })
  })
})
