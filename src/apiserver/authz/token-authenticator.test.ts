import { expect } from 'chai'
import { MemoryStore } from '../storage/index.js'
import { authenticateServiceAccountToken } from './token-authenticator.js'

const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
const claims = {
  iss: 'kubernetes/serviceaccount',
  'kubernetes.io/serviceaccount/namespace': 'onap',
  'kubernetes.io/serviceaccount/secret.name': 'default-token-abcde',
  'kubernetes.io/serviceaccount/service-account.name': 'default',
  'kubernetes.io/serviceaccount/service-account.uid': 'sa-uid',
}
const TOKEN = `${enc({ alg: 'RS256' })}.${enc(claims)}.c2lnbmF0dXJl`

function store(): MemoryStore {
  const s = new MemoryStore()
  s.create('serviceaccounts', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'default', namespace: 'onap', uid: 'sa-uid' },
  })
  s.create('secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'default-token-abcde',
      namespace: 'onap',
      annotations: {
        'kubernetes.io/service-account.name': 'default',
        'kubernetes.io/service-account.uid': 'sa-uid',
      },
    },
    type: 'kubernetes.io/service-account-token',
    data: { token: Buffer.from(TOKEN).toString('base64') },
  })
  return s
}

describe('authenticateServiceAccountToken', () => {
  it('authenticates the token its Secret holds as the service account with its groups', () => {
    expect(authenticateServiceAccountToken(store(), TOKEN)).to.deep.equal({
      name: 'system:serviceaccount:onap:default',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:onap', 'system:authenticated'],
      uid: 'sa-uid',
    })
  })

  it('refuses a forged signature, edited claims, garbage and a token whose Secret or account is gone', () => {
    const s = store()
    expect(authenticateServiceAccountToken(s, TOKEN.replace(/\.[^.]+$/, '.Zm9yZ2Vk'))).to.equal(
      undefined
    )
    const edited = `${enc({ alg: 'RS256' })}.${enc({ ...claims, 'kubernetes.io/serviceaccount/service-account.name': 'admin' })}.c2lnbmF0dXJl`
    expect(authenticateServiceAccountToken(s, edited)).to.equal(undefined)
    expect(authenticateServiceAccountToken(s, 'not-a-jwt')).to.equal(undefined)
    expect(authenticateServiceAccountToken(s, 'a.b.c')).to.equal(undefined)
    s.delete({ storage: 'serviceaccounts', namespace: 'onap', name: 'default' })
    expect(authenticateServiceAccountToken(s, TOKEN)).to.equal(undefined)
    const t = store()
    t.delete({ storage: 'secrets', namespace: 'onap', name: 'default-token-abcde' })
    expect(authenticateServiceAccountToken(t, TOKEN)).to.equal(undefined)
  })
})
