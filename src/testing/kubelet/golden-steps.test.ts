import { expect } from 'chai'
import { compareGolden, lineDiff, parseGolden, renderGolden } from './golden-compare.js'
import { goldenSteps } from './golden-steps.js'
import type { RecordedWrite } from './write-recorder.js'

const T0 = Date.parse('2018-11-24T00:00:00Z')
const UID = '0b5a9c2e-1f3d-4e7a-a123-456789abcdef'
const ID1 = `docker://${'a'.repeat(64)}`
const ID2 = `docker://${'b'.repeat(64)}`

const patch = (atMs: number, status: Record<string, unknown>): RecordedWrite => ({
  atMs,
  channel: 'pod',
  write: { verb: 'patch', subresource: 'status', body: { status } },
})
const event = (atMs: number, reason: string, count = 1): RecordedWrite => ({
  atMs,
  channel: 'event',
  write: {
    type: 'Normal',
    reason,
    message: `pod ${UID}`,
    fieldPath: 'spec.containers{app}',
    count,
  },
})

describe('goldenSteps()', () => {
  it('groups writes by instant, Events before pod writes, with placeholders for volatile values', () => {
    const first = {
      name: 'app',
      restartCount: 0,
      containerID: ID1,
      state: { running: { startedAt: '2018-11-24T00:00:03Z' } },
    }
    const second = {
      name: 'app',
      restartCount: 1,
      containerID: ID2,
      lastState: { terminated: { containerID: ID1, finishedAt: '2018-11-24T00:00:05Z' } },
    }
    const steps = goldenSteps(
      [
        patch(T0, { containerStatuses: [first] }),
        event(T0, 'Started'),
        event(T0 + 5_300, 'Started', 2),
        patch(T0 + 5_300, { containerStatuses: [second] }),
      ],
      T0,
      UID
    )
    expect(steps).to.deep.equal([
      {
        at: '0s',
        events: ['Normal Started spec.containers{app}: pod <pod-uid>'],
        writes: [
          {
            verb: 'patch',
            subresource: 'status',
            body: {
              status: {
                containerStatuses: [
                  {
                    ...first,
                    containerID: 'docker://<app#1>',
                    state: { running: { startedAt: '<t0+3s>' } },
                  },
                ],
              },
            },
          },
        ],
      },
      {
        at: '5.3s',
        events: ['Normal Started spec.containers{app}: pod <pod-uid> (count 2)'],
        writes: [
          {
            verb: 'patch',
            subresource: 'status',
            body: {
              status: {
                containerStatuses: [
                  {
                    ...second,
                    containerID: 'docker://<app#2>',
                    lastState: {
                      terminated: { containerID: 'docker://<app#1>', finishedAt: '<t0+5s>' },
                    },
                  },
                ],
              },
            },
          },
        ],
      },
    ])
  })
})

describe('compareGolden()', () => {
  const steps = goldenSteps(
    [patch(T0, { phase: 'Pending' }), patch(T0 + 300, { phase: 'Running' })],
    T0,
    UID
  )

  it('finds nothing between equal steps, also after a round trip through the golden file', () => {
    const text = renderGolden({ name: 'c', description: 'd', pod: 'default/c' }, steps)
    expect(compareGolden('c', parseGolden(text, 'c.output.yaml'), steps)).to.equal(undefined)
  })

  it('names the case and the step that differs, with a line diff (negative case)', () => {
    const changed = structuredClone(steps)
    ;(changed[1]!.writes![0]!.body as { status: { phase: string } }).status.phase = 'Failed'
    const report = compareGolden('my-case', changed, steps) ?? ''
    expect(report).to.contain(
      'stage case "my-case": step 2 differs (expected at 0.3s, got at 0.3s)'
    )
    expect(report).to.contain('-         phase: Failed')
    expect(report).to.contain('+         phase: Running')
  })

  it('names a step that is missing or extra (negative case)', () => {
    expect(compareGolden('my-case', steps.slice(0, 1), steps)).to.contain(
      'step 2 differs (expected missing, got at 0.3s); 1 of 2 steps differ; expected 1 steps, got 2'
    )
  })
})

describe('lineDiff()', () => {
  it('marks removed and added lines and keeps common ones', () => {
    expect(lineDiff('a\nb\nc\n', 'a\nx\nc\n')).to.equal('  a\n- b\n+ x\n  c')
  })
})
