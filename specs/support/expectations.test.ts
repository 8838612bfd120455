import { expect } from 'chai'
import {
  REQUIRED_INJECTION_LABELS,
  inconsistentReady,
  loadExpectations,
  policyKey,
  selectPolicy,
  selectReady,
} from './expectations.js'
import { readSpecEnv } from './lab-env.js'

describe('selectReady()', () => {
  const kube2msb = { name: 'msb-kube2msb', ready: { policyDisabled: '1/1', policyEnabled: '2/2' } }

  it('takes the READY of the active policy', () => {
    expect(policyKey('disabled')).to.equal('policyDisabled')
    expect(selectReady(kube2msb, 'disabled')).to.equal('1/1')
    expect(selectReady(kube2msb, 'enabled')).to.equal('2/2')
  })

  it('names the workload and the missing key', () => {
    expect(() => selectReady({ name: 'x', ready: { policyDisabled: '1/1' } }, 'enabled')).to.throw(
      'deployments[x].ready has no policyEnabled (has policyDisabled)'
    )
  })
})

describe('selectPolicy()', () => {
  it('prefers LAB_POLICY, then the profile, then disabled', () => {
    expect(selectPolicy('enabled', 'disabled')).to.equal('enabled')
    expect(selectPolicy(undefined, 'enabled')).to.equal('enabled')
    expect(selectPolicy(undefined, undefined)).to.equal('disabled')
  })

  it('refuses an unknown policy, naming where it came from', () => {
    expect(() => selectPolicy('on', undefined)).to.throw(
      'LAB_POLICY "on": want enabled or disabled'
    )
  })
})

describe('loadExpectations() over fixtures/expected and lab/', () => {
  const env = readSpecEnv({})

  it('selects the page READY counts under the page policy (disabled)', () => {
    const e = loadExpectations({ ...env, policy: 'disabled' })
    expect(e.policy).to.equal('disabled')
    expect(e.onap.deployments).to.have.length(26)
    expect(e.onap.deployments.find((d) => d.name === 'msb-kube2msb')?.ready).to.equal('1/1')
    expect(e.onap.deployments.find((d) => d.name === 'msb-msb-discovery')?.ready).to.equal('3/3')
    expect(e.onap.services).to.have.length(25)
    expect(e.istio.services.map((s) => s.name)).to.include('istio-ingressgateway')
    expect(e.charts.term).to.equal('onap')
    expect(e.charts.charts[0]).to.include({ name: 'local/onap', appVersion: 'beijing' })
  })

  it('selects one more container for un-annotated pods under policy enabled', () => {
    const e = loadExpectations({ ...env, policy: 'enabled' })
    expect(e.onap.deployments.find((d) => d.name === 'msb-kube2msb')?.ready).to.equal('2/2')
  })

  it('has READY counts that agree with the containers and Istio 1.0 rule, for both policies', () => {
    for (const policy of ['disabled', 'enabled']) {
      expect(inconsistentReady(loadExpectations({ ...env, policy })), policy).to.deep.equal([])
    }
  })

  it('finds a READY count the rule contradicts', () => {
    const e = loadExpectations({ ...env, policy: 'disabled' })
    e.onap.deployments[0]!.ready = '2/2'
    expect(inconsistentReady(e)).to.deep.equal([
      'msb-kube2msb: READY 2/2, but its containers and policy give 1/1',
    ])
  })

  it('requires onap labelled enabled and istio-system disabled', () => {
    const e = loadExpectations(env)
    const labels = Object.fromEntries(e.namespaces.map((n) => [n.name, n.istioInjection]))
    expect(labels).to.include(REQUIRED_INJECTION_LABELS)
    expect(labels['kube-system']).to.equal('')
  })

  it('names the file of a missing expectation folder', () => {
    expect(() => loadExpectations({ ...env, expectedDir: '/nonexistent' })).to.throw(
      'failed to read expectations: /nonexistent/onap-pods.yaml'
    )
  })
})
