import { expect } from 'chai'
import { injectRequired, injectorPolicyOf } from './injection-rule.js'

describe('injectRequired()', () => {
  const base = { namespaceLabel: 'enabled', namespace: 'onap' }

  it('follows the policy when the annotation is absent or empty', () => {
    expect(injectRequired({ ...base, policy: 'enabled', annotation: null })).to.equal(true)
    expect(injectRequired({ ...base, policy: 'disabled', annotation: null })).to.equal(false)
    expect(injectRequired({ ...base, policy: 'disabled', annotation: '' })).to.equal(false)
  })

  it('injects on y/yes/true/on in any case and on nothing else', () => {
    for (const yes of ['y', 'yes', 'true', 'on', 'TRUE']) {
      expect(injectRequired({ ...base, policy: 'disabled', annotation: yes }), yes).to.equal(true)
    }
    for (const no of ['false', 'no', '1', 'ture']) {
      expect(injectRequired({ ...base, policy: 'enabled', annotation: no }), no).to.equal(false)
    }
  })

  it('never injects outside a namespace labelled enabled, in kube-system, or with host networking', () => {
    expect(
      injectRequired({ policy: 'enabled', annotation: 'true', namespaceLabel: 'disabled' })
    ).to.equal(false)
    expect(
      injectRequired({ policy: 'enabled', annotation: 'true', namespaceLabel: undefined })
    ).to.equal(false)
    expect(
      injectRequired({ ...base, namespace: 'kube-system', policy: 'enabled', annotation: 'true' })
    ).to.equal(false)
    expect(
      injectRequired({ ...base, policy: 'enabled', annotation: 'true', hostNetwork: true })
    ).to.equal(false)
  })

  it('injects nothing under an unknown policy unless annotated', () => {
    expect(injectRequired({ ...base, policy: 'Enabled', annotation: null })).to.equal(false)
  })
})

describe('injectorPolicyOf()', () => {
  it('reads the policy of the injector config', () => {
    expect(injectorPolicyOf('policy: enabled\ntemplate: |-\n  x: 1\n')).to.equal('enabled')
    expect(injectorPolicyOf('template: x\n')).to.equal(undefined)
    expect(injectorPolicyOf(undefined)).to.equal(undefined)
    expect(injectorPolicyOf('policy: [unclosed')).to.equal('<unreadable>')
  })
})
