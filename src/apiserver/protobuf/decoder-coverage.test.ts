import { expect } from 'chai'
import { parseKubeVersion, ResourceCatalog } from '../../api/resources/index.js'
import { encodeProtobufForTest } from './encode-protobuf-for-test.js'
import { decodeProtobufBody } from './index.js'
import { messageNameFor } from './schema.js'

// Subresource kinds that are query options of a connect or read, never a request body.
const NOT_BODIES = new Set(['ServiceProxyOptions', 'NodeProxyOptions', 'PodLogOptions'])

function servedKinds(version: string): string[] {
  const catalog = new ResourceCatalog(parseKubeVersion(version))
  const kinds = new Set<string>()
  for (const r of catalog.resources()) {
    kinds.add(`${r.group === '' ? '' : `${r.group}/`}${r.version} ${r.kind}`)
    for (const s of r.subresources) {
      if (NOT_BODIES.has(s.kind)) continue
      kinds.add(`${s.group === '' ? '' : `${s.group}/`}${s.version} ${s.kind}`)
    }
  }
  return [...kinds].sort()
}

describe('protobuf decoders for the served kinds', () => {
  for (const version of ['1.11.1', '1.20.0', '1.33.0']) {
    it(`has a decoder for every built-in kind the ${version} profile serves`, () => {
      const kinds = servedKinds(version)
      expect(kinds.length).to.be.greaterThan(40)
      const missing = kinds.filter((k) => {
        const [apiVersion, kind] = k.split(' ')
        return messageNameFor(apiVersion!, kind!) === undefined
      })
      expect(missing, 'kinds without a protobuf decoder').to.deep.equal([])
    })
  }

  it('finds no decoder for a kind a group never had', () => {
    expect(messageNameFor('rbac.authorization.k8s.io/v1', 'Deployment')).to.equal(undefined)
    expect(messageNameFor('v1', 'Container')).to.equal(undefined)
  })

  it("keeps zeros Go's JSON writes (no omitempty) and drops the omitempty ones", () => {
    const pc = encodeProtobufForTest('scheduling.k8s.io/v1', 'PriorityClass', {
      metadata: { name: 'zero' },
      value: 0,
      globalDefault: false,
      description: '',
    })
    expect(decodeProtobufBody(pc).object).to.deep.equal({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'zero' },
      value: 0,
    })
    const crb = encodeProtobufForTest('rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', {
      metadata: { name: 'b' },
      roleRef: { apiGroup: '', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', apiGroup: '', name: 'u', namespace: '' }],
    })
    const o = decodeProtobufBody(crb).object
    expect(o['roleRef']).to.deep.equal({ apiGroup: '', kind: 'ClusterRole', name: 'view' })
    expect(o['subjects']).to.deep.equal([{ kind: 'User', name: 'u' }])
  })

  it('writes JSON names where Go renames a field (uID → uid, Webhooks → webhooks)', () => {
    const body = encodeProtobufForTest(
      'admissionregistration.k8s.io/v1beta1',
      'ValidatingWebhookConfiguration',
      { metadata: { name: 'w' }, Webhooks: [{ name: 'a.example.com' }] }
    )
    expect(decodeProtobufBody(body).object['webhooks']).to.deep.equal([{ name: 'a.example.com' }])
    const review = encodeProtobufForTest('authentication.k8s.io/v1', 'TokenReview', {
      metadata: {},
      status: { user: { username: 'u', uid: '1', extra: { scopes: { items: ['a', 'b'] } } } },
    })
    const user = (decodeProtobufBody(review).object['status'] as Record<string, unknown>)['user']
    expect(user).to.deep.equal({ username: 'u', uid: '1', extra: { scopes: ['a', 'b'] } })
  })
})
