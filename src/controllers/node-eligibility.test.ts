import { expect } from 'chai'
import { toleratesTaint as tolerates } from '../api/scheduling/index.js'
import { daemonPlacement, nodeMatches, withDaemonTolerations } from './node-eligibility.js'
import type { Node } from './workload-types.js'

const master: Node = {
  metadata: { name: 'm', labels: { 'node-role.kubernetes.io/master': '' } },
  spec: { taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }] },
}
const worker: Node = { metadata: { name: 'w', labels: { zone: 'a', cpu: '8' } } }

describe('node eligibility', () => {
  it('matches tolerations as ToleratesTaint does', () => {
    const taint = { key: 'k', value: 'v', effect: 'NoSchedule' }
    expect(
      tolerates({ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }, taint)
    ).to.equal(true)
    expect(tolerates({ key: 'k', value: 'v' }, taint)).to.equal(true)
    expect(tolerates({ operator: 'Exists' }, taint)).to.equal(true)
    expect(tolerates({ key: 'k', operator: 'Equal', value: 'x' }, taint)).to.equal(false)
    expect(tolerates({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, taint)).to.equal(false)
  })

  it('keeps daemons off a master unless they tolerate its taint', () => {
    expect(daemonPlacement({}, master)).to.deep.equal({
      wantToRun: false,
      shouldSchedule: false,
      shouldContinueRunning: true,
    })
    expect(
      daemonPlacement(
        { tolerations: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists' }] },
        master
      ).shouldSchedule
    ).to.equal(true)
    expect(daemonPlacement({}, worker).shouldSchedule).to.equal(true)
  })

  it('evicts on an untolerated NoExecute taint but tolerates not-ready nodes', () => {
    const gone: Node = {
      metadata: { name: 'g' },
      spec: { taints: [{ key: 'dedicated', effect: 'NoExecute' }] },
    }
    expect(daemonPlacement({}, gone).shouldContinueRunning).to.equal(false)
    const notReady: Node = {
      metadata: { name: 'n' },
      spec: { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] },
    }
    expect(daemonPlacement({}, notReady).shouldSchedule).to.equal(true)
    expect(
      withDaemonTolerations([
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      ])
    ).to.have.length(4)
  })

  it('applies nodeSelector and required node affinity', () => {
    expect(nodeMatches({ nodeSelector: { zone: 'a' } }, worker)).to.equal(true)
    expect(nodeMatches({ nodeSelector: { zone: 'b' } }, worker)).to.equal(false)
    const affinity = (operator: string, values: string[]) => ({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpu', operator, values }] }],
        },
      },
    })
    expect(nodeMatches({ affinity: affinity('Gt', ['4']) }, worker)).to.equal(true)
    expect(nodeMatches({ affinity: affinity('Lt', ['4']) }, worker)).to.equal(false)
    expect(nodeMatches({ affinity: affinity('In', ['8', '16']) }, worker)).to.equal(true)
    const byName = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['m'] }] },
          ],
        },
      },
    }
    expect(nodeMatches({ affinity: byName }, worker)).to.equal(false)
    expect(nodeMatches({ affinity: byName }, master)).to.equal(true)
  })
})
