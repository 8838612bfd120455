import { expect } from 'chai'
import {
  conditionsOf,
  objectCondition,
  removeCondition,
  setCondition,
  transitionTime,
  updatePodCondition,
  type Condition,
} from './conditions.js'

const T0 = '2018-11-24T00:00:00Z'
const T1 = '2018-11-24T00:01:00Z'

describe('conditionsOf / objectCondition', () => {
  it('reads status.conditions, skipping entries that are not objects (negative: no status)', () => {
    const pod = { metadata: {}, status: { conditions: [{ type: 'Ready', status: 'True' }, 'x'] } }
    expect(conditionsOf(pod)).to.deep.equal([{ type: 'Ready', status: 'True' }])
    expect(objectCondition(pod, 'Ready')?.status).to.equal('True')
    expect(objectCondition(pod, 'PodScheduled')).to.equal(undefined)
    expect(conditionsOf({ metadata: {} })).to.deep.equal([])
  })
})

describe('transitionTime', () => {
  it('keeps the old time while the status is unchanged, and takes now when it changes', () => {
    expect(transitionTime({ status: 'True', lastTransitionTime: T0 }, 'True', T1)).to.equal(T0)
    expect(transitionTime({ status: 'False', lastTransitionTime: T0 }, 'True', T1)).to.equal(T1)
    expect(transitionTime(undefined, 'True', T1)).to.equal(T1)
  })
})

describe('setCondition (SetDeploymentCondition)', () => {
  const available: Condition = {
    type: 'Available',
    status: 'True',
    reason: 'A',
    lastTransitionTime: T0,
  }
  const progressing: Condition = { type: 'Progressing', status: 'True', reason: 'P' }

  it('keeps the old entry when status and reason are unchanged', () => {
    const list = [available, progressing]
    expect(setCondition(list, { ...available, lastTransitionTime: T1 })).to.equal(list)
  })

  it('moves a changed entry to the end, keeping its time while the status stays (negative: a new status takes the new time)', () => {
    const sameStatus = setCondition([available, progressing], {
      ...available,
      reason: 'B',
      lastTransitionTime: T1,
    })
    expect(sameStatus.map((c) => [c.type, c.reason, c.lastTransitionTime])).to.deep.equal([
      ['Progressing', 'P', undefined],
      ['Available', 'B', T0],
    ])
    const flipped = setCondition([available], {
      ...available,
      status: 'False',
      lastTransitionTime: T1,
    })
    expect(flipped[0]?.lastTransitionTime).to.equal(T1)
    expect(removeCondition(flipped, 'Available')).to.deep.equal([])
  })
})

describe('updatePodCondition (podutil.UpdatePodCondition)', () => {
  const unschedulable = {
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    reason: 'Unschedulable',
    message: '0/1 nodes are available',
  }

  it('appends a new condition in PodCondition field order with lastTransitionTime now', () => {
    const r = updatePodCondition([], unschedulable, T0)
    expect(r.changed).to.equal(true)
    expect(Object.keys(r.conditions[0]!)).to.deep.equal([
      'type',
      'status',
      'lastProbeTime',
      'lastTransitionTime',
      'reason',
      'message',
    ])
    expect(r.conditions[0]?.lastTransitionTime).to.equal(T0)
  })

  it('reports no change for the same status, reason and message (negative: a new message is a change kept in place)', () => {
    const first = updatePodCondition([], unschedulable, T0).conditions
    const ready = { type: 'Ready', status: 'False' }
    const same = updatePodCondition([...first, ready], unschedulable, T1)
    expect(same.changed).to.equal(false)
    const other = updatePodCondition([...first, ready], { ...unschedulable, message: 'other' }, T1)
    expect(other.changed).to.equal(true)
    // In place (1.11 writes status.Conditions[index]), its time kept while the status stays False.
    expect(other.conditions.map((c) => c.type)).to.deep.equal(['PodScheduled', 'Ready'])
    expect(other.conditions[0]?.lastTransitionTime).to.equal(T0)
  })
})
