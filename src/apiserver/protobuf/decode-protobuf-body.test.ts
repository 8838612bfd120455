import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { StatusError } from '../../api/errors.js'
import { encodeProtobufForTest } from './encode-protobuf-for-test.js'
import { decodeProtobufBody } from './index.js'

// Bodies captured from the real kubectl 1.33.9 and helm 4.1.4 by testdata/capture.ts.
function fixture(name: string): Buffer {
  return readFileSync(new URL(`./testdata/${name}`, import.meta.url))
}

interface Recorded {
  fixture: string
  method: string
  path: string
}
const requests = JSON.parse(
  readFileSync(new URL('./testdata/requests.json', import.meta.url), 'utf8')
) as Recorded[]

function decodeRelease(secret: Record<string, unknown>): Record<string, unknown> {
  // Secret JSON data is base64 of helm's own base64(gzip(JSON)).
  const data = secret['data'] as Record<string, string>
  const inner = Buffer.from(data['release']!, 'base64').toString('utf8')
  return JSON.parse(gunzipSync(Buffer.from(inner, 'base64')).toString('utf8')) as Record<
    string,
    unknown
  >
}

function catchStatus(fn: () => unknown): StatusError {
  try {
    fn()
  } catch (err) {
    expect(err).to.be.instanceOf(StatusError)
    return err as StatusError
  }
  expect.fail('expected a StatusError')
}

describe('decodeProtobufBody()', () => {
  describe('kubectl 1.33 fixtures', () => {
    it('records what each command sent and where', () => {
      const byFixture = new Map(requests.map((r) => [r.fixture, `${r.method} ${r.path}`]))
      expect(byFixture.get('kubectl-create-namespace-post.pb')).to.equal(
        'POST /api/v1/namespaces?fieldManager=kubectl-create&fieldValidation=Strict'
      )
      expect(byFixture.get('kubectl-create-deployment-post.pb')).to.match(
        /^POST \/apis\/apps\/v1\/namespaces\/onap\/deployments\?/
      )
      expect(byFixture.get('kubectl-auth-can-i-post.pb')).to.equal(
        'POST /apis/authorization.k8s.io/v1/selfsubjectaccessreviews'
      )
      expect(byFixture.get('helm-uninstall-delete.pb')).to.equal(
        'DELETE /api/v1/namespaces/onap/secrets/sh.helm.release.v1.demo.v1'
      )
    })

    it('decodes create namespace', () => {
      const decoded = decodeProtobufBody(fixture('kubectl-create-namespace-post.pb'))
      expect(decoded.apiVersion).to.equal('v1')
      expect(decoded.kind).to.equal('Namespace')
      // gogo wrote generation:0, an empty creationTimestamp and an empty spec/status: all dropped.
      expect(decoded.object).to.deep.equal({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'onap' },
      })
    })

    it('decodes create secret generic with bytes as base64', () => {
      const { object } = decodeProtobufBody(fixture('kubectl-create-secret-post.pb'))
      expect(object).to.deep.equal({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's' },
        data: { a: Buffer.from('b').toString('base64') },
      })
    })

    it('decodes create configmap', () => {
      const { object } = decodeProtobufBody(fixture('kubectl-create-configmap-post.pb'))
      expect(object).to.deep.equal({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'c' },
        data: { k: 'v' },
      })
    })

    it('decodes create serviceaccount', () => {
      const { object } = decodeProtobufBody(fixture('kubectl-create-serviceaccount-post.pb'))
      expect(object).to.deep.equal({
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'sa' },
      })
    })

    it('decodes create deployment field by field', () => {
      const { object } = decodeProtobufBody(fixture('kubectl-create-deployment-post.pb'))
      expect(object['apiVersion']).to.equal('apps/v1')
      expect(object['kind']).to.equal('Deployment')
      expect(object['metadata']).to.deep.equal({ name: 'web', labels: { app: 'web' } })
      const spec = object['spec'] as Record<string, unknown>
      expect(spec['replicas']).to.equal(3)
      expect(spec['selector']).to.deep.equal({ matchLabels: { app: 'web' } })
      // An empty strategy, status and container resources were on the wire; JSON omits them.
      expect(spec).to.not.have.property('strategy')
      expect(object).to.not.have.property('status')
      expect(spec['template']).to.deep.equal({
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
      })
    })

    it('decodes auth can-i as a SelfSubjectAccessReview', () => {
      const { object } = decodeProtobufBody(fixture('kubectl-auth-can-i-post.pb'))
      expect(object).to.deep.equal({
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: { resourceAttributes: { namespace: 'onap', verb: 'create', resource: 'pods' } },
        // `allowed` has no omitempty: Go's JSON of the empty status the client sent carries it.
        status: { allowed: false },
      })
    })
  })

  describe('helm 4 fixtures', () => {
    const cases = [
      ['helm-install-post.pb', 'pending-install'],
      ['helm-install-put.pb', 'deployed'],
      ['helm-uninstall-put.pb', 'uninstalling'],
    ] as const
    for (const [name, status] of cases) {
      it(`decodes the release Secret of ${name} (status ${status})`, () => {
        const { object } = decodeProtobufBody(fixture(name))
        expect(object['type']).to.equal('helm.sh/release.v1')
        const metadata = object['metadata'] as Record<string, unknown>
        expect(metadata['name']).to.equal('sh.helm.release.v1.demo.v1')
        expect(metadata['labels']).to.include({ name: 'demo', owner: 'helm', status, version: '1' })
        const release = decodeRelease(object)
        expect(release['name']).to.equal('demo')
        expect(release['namespace']).to.equal('onap')
        expect(release['version']).to.equal(1)
        expect((release['info'] as Record<string, unknown>)['status']).to.equal(status)
      })
    }

    it('decodes the empty DeleteOptions of helm uninstall', () => {
      const decoded = decodeProtobufBody(fixture('helm-uninstall-delete.pb'))
      expect(decoded.object).to.deep.equal({ apiVersion: 'v1', kind: 'DeleteOptions' })
    })
  })

  describe('DeleteOptions built from the field numbers', () => {
    it('keeps explicit zero pointers and reads every field', () => {
      const body = encodeProtobufForTest('meta.k8s.io/v1', 'DeleteOptions', {
        gracePeriodSeconds: 0,
        preconditions: { uid: 'u-1', resourceVersion: '' },
        orphanDependents: false,
        propagationPolicy: 'Foreground',
        dryRun: ['All'],
      })
      expect(decodeProtobufBody(body).object).to.deep.equal({
        apiVersion: 'meta.k8s.io/v1',
        kind: 'DeleteOptions',
        gracePeriodSeconds: 0,
        preconditions: { uid: 'u-1', resourceVersion: '' },
        orphanDependents: false,
        propagationPolicy: 'Foreground',
        dryRun: ['All'],
      })
    })

    it('accepts DeleteOptions under a group version (apps/v1)', () => {
      const body = encodeProtobufForTest('apps/v1', 'DeleteOptions', {
        propagationPolicy: 'Background',
      })
      expect(decodeProtobufBody(body).object).to.deep.equal({
        apiVersion: 'apps/v1',
        kind: 'DeleteOptions',
        propagationPolicy: 'Background',
      })
    })
  })

  describe('errors', () => {
    it('answers 415 naming the kind for a custom resource (no protobuf form)', () => {
      const body = encodeProtobufForTest('example.com/v1', 'Widget', {})
      const err = catchStatus(() => decodeProtobufBody(body))
      expect(err.code).to.equal(415)
      expect(err.reason).to.equal('UnsupportedMediaType')
      expect(err.message).to.equal(
        'the body of the request was in an unknown format - accepted media types include: ' +
          'application/json, application/yaml (protobuf decoding of "example.com/v1, Kind=Widget" is not ' +
          'supported by the lab)'
      )
    })

    it('answers 415 for a message that is not a top-level object (PodSpec)', () => {
      const body = encodeProtobufForTest('v1', 'PodSpec', {})
      const err = catchStatus(() => decodeProtobufBody(body))
      expect(err.code).to.equal(415)
      expect(err.message).to.contain('"v1, Kind=PodSpec"')
    })

    it('answers 415 for a kind under a version that never had it', () => {
      const body = encodeProtobufForTest('apps/v1', 'Pod', {})
      expect(catchStatus(() => decodeProtobufBody(body)).message).to.contain('"apps/v1, Kind=Pod"')
    })

    it('answers 415 for an encoded or non-protobuf embedded body', () => {
      const gz = encodeProtobufForTest('v1', 'Namespace', {}, { contentEncoding: 'gzip' })
      expect(catchStatus(() => decodeProtobufBody(gz)).code).to.equal(415)
      const json = encodeProtobufForTest('v1', 'Namespace', {}, { contentType: 'application/json' })
      expect(catchStatus(() => decodeProtobufBody(json)).code).to.equal(415)
      const pb = encodeProtobufForTest(
        'v1',
        'Namespace',
        {},
        {
          contentType: 'application/vnd.kubernetes.protobuf',
        }
      )
      expect(decodeProtobufBody(pb).kind).to.equal('Namespace')
    })

    it('answers 400 when the magic is missing', () => {
      const err = catchStatus(() => decodeProtobufBody(Buffer.from('{"kind":"Namespace"}')))
      expect(err.code).to.equal(400)
      expect(err.reason).to.equal('BadRequest')
      expect(err.message).to.equal(
        'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]'
      )
      expect(catchStatus(() => decodeProtobufBody(Buffer.alloc(0))).code).to.equal(400)
    })

    it('answers 400 when typeMeta has no kind', () => {
      const err = catchStatus(() => decodeProtobufBody(encodeProtobufForTest('v1', '', {})))
      expect(err.code).to.equal(400)
      expect(err.message).to.contain("'Kind' is missing")
    })

    it('answers 400 naming the kind when the typed object is garbled', () => {
      const body = fixture('kubectl-create-deployment-post.pb')
      const err = catchStatus(() => decodeProtobufBody(body.subarray(0, body.length - 20)))
      expect(err.code).to.equal(400)
      expect(err.message).to.match(/^failed to decode the protobuf envelope: /)
      // A whole envelope around a Deployment whose metadata claims 5 bytes but carries 1.
      const inner = encodeProtobufForTest(
        'apps/v1',
        'Deployment',
        {},
        {
          raw: Uint8Array.of(0x0a, 0x05, 0x01),
        }
      )
      const innerErr = catchStatus(() => decodeProtobufBody(inner))
      expect(innerErr.code).to.equal(400)
      expect(innerErr.message).to.match(
        /^failed to decode "apps\/v1, Kind=Deployment" from protobuf: /
      )
    })
  })
})
