import { expect } from 'chai'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fakeClock } from '../../util/index.js'
import { loadStageCase } from './stage-case.js'
import { trackedClock } from './tracked-clock.js'

const GOOD = `apiVersion: onap-mesh-lab/v1alpha1
kind: KubeletStageCase
description: a case
runSeconds: 5
actions:
  - {atSeconds: 2, delete: {gracePeriodSeconds: 3}}
---
apiVersion: v1
kind: Node
metadata: {name: n}
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec: {nodeName: n, containers: [{name: c, image: x}]}
`

describe('loadStageCase()', () => {
  let dir: string
  const load = (text: string) => {
    const file = join(dir, 'x.input.yaml')
    writeFileSync(file, text)
    return () => loadStageCase(file)
  }
  before(() => (dir = mkdtempSync(join(tmpdir(), 'stage-case-'))))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('reads the case, its node and its pod (namespace defaulted)', () => {
    const c = load(GOOD)()
    expect(c).to.include({ name: 'x', runSeconds: 5, labBehaviours: false })
    expect(c.actions).to.deep.equal([{ atSeconds: 2, delete: { gracePeriodSeconds: 3 } }])
    expect(c.pod.metadata).to.deep.equal({ namespace: 'default', name: 'p' })
    expect(c.behaviours).to.deep.equal([])
  })

  it('names file, line and field of an unknown field (negative case)', () => {
    expect(load(GOOD.replace('runSeconds: 5', 'runSeconds: 5\nrunSecs: 5'))).to.throw(
      /x\.input\.yaml:5:runSecs: unknown field/
    )
  })

  it('names a pod bound to another node and a bad action (negative case)', () => {
    expect(load(GOOD.replace('nodeName: n', 'nodeName: m'))).to.throw(
      /x\.input\.yaml:15:spec\.nodeName: must name the Node \(n\)/
    )
    expect(load(GOOD.replace('delete: {gracePeriodSeconds: 3}', 'evict: true'))).to.throw(
      /x\.input\.yaml:6:actions\.0\.evict: unknown action/
    )
  })
})

describe('trackedClock()', () => {
  it('knows when the next pending timer is due, and forgets fired and cancelled ones', () => {
    const clock = trackedClock(fakeClock())
    const t0 = clock.simMs()
    expect(clock.nextDueMs()).to.equal(undefined)
    const fired: string[] = []
    clock.after(300, () => fired.push('b'))
    const cancel = clock.after(100, () => fired.push('a'))
    expect(clock.nextDueMs()).to.equal(t0 + 100)
    cancel()
    expect(clock.nextDueMs()).to.equal(t0 + 300)
    clock.advance(300)
    expect(fired).to.deep.equal(['b'])
    expect(clock.nextDueMs()).to.equal(undefined)
  })
})
