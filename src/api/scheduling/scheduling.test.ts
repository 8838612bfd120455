import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import type { NodeSelectorTerm } from '../core-types.js'
import {
  nodeRequirementMatches,
  specMatchesNode,
  toleratesTaint,
  untoleratedTaints,
} from './index.js'

// The kubelet's and the DaemonSet controller's copies disagreed on the cases below; both now
// answer as 1.11's v1.Toleration.ToleratesTaint and labels.Requirement do.
describe('toleratesTaint()', () => {
  const taint = { key: 'dedicated', value: 'onap', effect: 'NoSchedule' }

  it('tolerates by effect, key and value as ToleratesTaint does', () => {
    expect(toleratesTaint({ key: 'dedicated', value: 'onap' }, taint)).to.equal(true)
    expect(toleratesTaint({ key: 'dedicated', operator: 'Exists' }, taint)).to.equal(true)
    expect(toleratesTaint({ operator: 'Exists' }, taint)).to.equal(true)
    expect(toleratesTaint({ key: 'dedicated', value: 'vfc' }, taint)).to.equal(false)
    expect(toleratesTaint({ operator: 'Exists', effect: 'NoExecute' }, taint)).to.equal(false)
  })

  it('lets a toleration without a key match any key by its value (the kubelet copy said no)', () => {
    expect(toleratesTaint({ operator: 'Equal', value: 'onap' }, taint)).to.equal(true)
    expect(toleratesTaint({ operator: 'Equal', value: 'vfc' }, taint)).to.equal(false)
  })

  it('matches nothing with an unknown operator (the kubelet copy compared values)', () => {
    expect(toleratesTaint({ key: 'dedicated', operator: 'In', value: 'onap' }, taint)).to.equal(
      false
    )
  })

  it('lists the taints of the given effects that stay untolerated', () => {
    const taints = [taint, { key: 'gpu', effect: 'NoExecute' }]
    expect(untoleratedTaints(taints, [], ['NoExecute'])).to.deep.equal([taints[1]])
    expect(untoleratedTaints(taints, [{ operator: 'Exists' }], ['NoSchedule'])).to.deep.equal([])
  })
})

describe('node selection', () => {
  const node = (labels: Record<string, string>): KubeObject => ({
    metadata: { name: 'worker', labels },
  })
  const affinity = (operator: string, values: string[]) => ({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpu', operator, values }] }],
        },
      },
    },
  })

  it('compares Gt and Lt as whole integers, one value only (the controller copy took "8x" as 8)', () => {
    expect(specMatchesNode(affinity('Gt', ['4']), node({ cpu: '8' }))).to.equal(true)
    expect(specMatchesNode(affinity('Lt', ['4']), node({ cpu: '8' }))).to.equal(false)
    expect(specMatchesNode(affinity('Gt', ['4']), node({ cpu: '8x' }))).to.equal(false)
    expect(specMatchesNode(affinity('Gt', ['4', '5']), node({ cpu: '8' }))).to.equal(false)
    expect(nodeRequirementMatches({ operator: 'Gt', values: ['4'] }, undefined)).to.equal(false)
  })

  it('ANDs the nodeSelector with the terms, ORs the terms, and an empty term matches nothing', () => {
    const n = node({ zone: 'a', cpu: '8' })
    expect(specMatchesNode({ nodeSelector: { zone: 'a' } }, n)).to.equal(true)
    expect(specMatchesNode({ nodeSelector: { zone: 'b' } }, n)).to.equal(false)
    const terms = (t: NodeSelectorTerm[]) => ({
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: t } },
      },
    })
    expect(specMatchesNode(terms([{}]), n)).to.equal(false)
    const byName = { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker'] }] }
    expect(specMatchesNode(terms([{}, byName]), n)).to.equal(true)
  })
})
