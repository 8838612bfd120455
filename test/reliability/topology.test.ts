import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import {
  ConfigFileError,
  kubeadmTopologyProblems,
  parseKindConfig,
} from '../../src/cluster/index.js'
import { loadLab, resolveLabOptions } from '../../src/lab/index.js'
import { ROOT } from '../support/lab-fixture.js'

// Finding 10: kubeadm 1.11 cannot join a second control-plane node; the lab refuses such a
// topology at validation, naming the file and line, instead of half-building it.
describe('reliability: topology checks', () => {
  const HEAD = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nnodes:\n'
  const load = (nodes: string) => {
    const opts = resolveLabOptions(ROOT, { config: '/virtual/kind.yaml' }, {})
    return loadLab(opts, (p) =>
      p === '/virtual/kind.yaml' ? HEAD + nodes : readFileSync(p, 'utf8')
    )
  }
  const refusal = (nodes: string): string => {
    try {
      load(nodes)
    } catch (err) {
      expect(err).to.be.instanceOf(ConfigFileError)
      return (err as Error).message
    }
    throw new Error('expected the config to be refused')
  }

  it('refuses two control-plane nodes with file and line', () => {
    const m = refusal('- role: control-plane\n- role: worker\n- role: control-plane\n')
    expect(m).to.match(
      /^\/virtual\/kind\.yaml:6: nodes\[2\]: a second control-plane node: kubeadm v1\.11\.1/
    )
  })

  it('counts a node without a role as a control-plane node, as kind does', () => {
    const m = refusal('- role: control-plane\n- role: worker\n- labels: {tier: db}\n')
    expect(m).to.match(
      /^\/virtual\/kind\.yaml:6: nodes\[2\]: .*a node without a role is a control-plane node in kind/
    )
  })

  it('takes one control-plane node and workers', () => {
    const def = load('- role: control-plane\n- role: worker\n- role: worker\n')
    expect(def.topology.nodes.map((n) => n.role)).to.deep.equal([
      'control-plane',
      'worker',
      'worker',
    ])
  })

  it('leaves two control-plane nodes to a kubeadm that can join them', () => {
    const text = HEAD + '- role: control-plane\n- role: control-plane\n'
    const kind = parseKindConfig(text, 'k.yaml')
    expect(kubeadmTopologyProblems(kind, '1.15.0', text)).to.deep.equal([])
    expect(kubeadmTopologyProblems(kind, '1.11.1', text)).to.have.length(1)
  })
})
