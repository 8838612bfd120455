import { expect } from 'chai'
import type { AppOverride } from '../../../apps/index.js'
import { parseSchedule } from '../scenario-schedule.js'
import type { StartedSimLab } from '../sim-lab.js'
import type { KubeClient } from '../../../client/index.js'
import { labScheduleRunner } from './scenario-runner.js'

const ENTRIES = parseSchedule(
  `schedule:
  - {at: 1s, name: kill, deletePod: {namespace: default, selector: app=web}}
  - {at: 1s, name: kill-none, deletePod: {namespace: default, selector: app=none}}
  - {at: 2s, name: fail, app: {match: {pod: 'web-*'}, errorRate: 0.5, forSeconds: 9}}
  - {at: 3s, name: off, powerOff: w1}
  - {at: 4s, name: on, powerOn: w1}
  - {at: 5s, name: down, scale: {namespace: onap, statefulSet: db, replicas: 0}}
`,
  's.yaml'
)
const entry = (name: string) => ENTRIES.find((e) => e.name === name)!

/** A lab with just what the runner touches, recording the calls. */
function fakeLab() {
  const calls: string[] = []
  const running = new Set(['w1'])
  const pods = [
    { metadata: { name: 'web-1' } },
    { metadata: { name: 'web-2', deletionTimestamp: 'x' } },
    { metadata: { name: 'web-3' } },
  ]
  const client = {
    list: async (_r: unknown, o: { labelSelector: string }) => ({
      items: o.labelSelector === 'app=web' ? pods : [],
    }),
    delete: async (_r: unknown, name: string, ns: string) =>
      void calls.push(`delete ${ns}/${name}`),
    get: async (_r: unknown, name: string) => ({ metadata: { name } }),
    patch: async (r: { resource: string }, name: string, ns: string, body: unknown) =>
      void calls.push(`patch ${r.resource} ${ns}/${name} ${JSON.stringify(body)}`),
  } as unknown as KubeClient
  const lab = {
    cluster: { client: (ua: string) => (calls.push(`client ${ua}`), client) },
    machines: {
      running: (n: string) => running.has(n),
      startWorker: async (n: string) => void (running.add(n), calls.push(`start ${n}`)),
    },
    dataPlane: { network: { refresh: () => void calls.push('refresh') } },
  } as unknown as StartedSimLab
  const exec = async (node: string, argv: string[]) => {
    calls.push(`${node}: ${argv.join(' ')}`)
    const was = running.delete(node)
    return { code: was ? 0 : 1, stdout: '', stderr: was ? '' : `${node} is not running\n` }
  }
  return { lab, calls, exec }
}

describe('labScheduleRunner()', () => {
  it('deletes the pods a selector matches (not those going), as the scenario field manager', async () => {
    const f = fakeLab()
    const r = labScheduleRunner(f.lab, { exec: f.exec, apps: [] })
    expect(await r.run(entry('kill'))).to.equal('deleted pod default/web-1, default/web-3')
    expect(f.calls).to.deep.equal([
      'client scenario',
      'delete default/web-1',
      'delete default/web-3',
    ])
    await r.run(entry('kill-none')).then(
      () => expect.fail('no pod matched'),
      (err: Error) => expect(err.message).to.equal('no pod in default matches app=none')
    )
  })

  it('adds an app change to the shared list at once, and takes it out at its end', async () => {
    const f = fakeLab()
    const apps: AppOverride[] = []
    const r = labScheduleRunner(f.lab, { exec: f.exec, apps })
    expect(await r.run(entry('fail'))).to.equal(
      'app change errorRate 0.5 (500) on pod=web-* for 9s'
    )
    expect(apps).to.have.length(1)
    expect(apps[0]).to.include({ afterSeconds: 0, errorRate: 0.5, crash: false })
    expect(apps[0]).to.not.have.property('forSeconds')
    expect(r.end(entry('fail'))).to.equal('app change "fail" ended')
    expect(apps).to.deep.equal([])
    r.reapply(entry('fail'))
    expect(apps).to.have.length(1)
  })

  it('powers a node off through poweroff and on again, refusing one already in that state', async () => {
    const f = fakeLab()
    const r = labScheduleRunner(f.lab, { exec: f.exec, apps: [] })
    await r.run(entry('on')).then(
      () => expect.fail('w1 runs'),
      (err: Error) => expect(err.message).to.equal('w1 is already running')
    )
    expect(await r.run(entry('off'))).to.equal('powered w1 off')
    await r.run(entry('off')).then(
      () => expect.fail('w1 is off'),
      (err: Error) => expect(err.message).to.equal('w1 is not running')
    )
    expect(await r.run(entry('on'))).to.equal('powered w1 on')
    expect(f.calls.filter((c) => !c.startsWith('client'))).to.deep.equal([
      'w1: poweroff',
      'w1: poweroff',
      'start w1',
      'refresh',
    ])
  })

  it('scales a StatefulSet with a merge patch of spec.replicas', async () => {
    const f = fakeLab()
    const r = labScheduleRunner(f.lab, { exec: f.exec, apps: [] })
    expect(await r.run(entry('down'))).to.equal('scaled statefulsets/db in onap to 0')
    expect(f.calls[1]).to.equal('patch statefulsets onap/db {"spec":{"replicas":0}}')
  })
})
