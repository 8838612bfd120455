import { expect } from 'chai'
import type { KubeObject } from '../../../api/types.js'
import { containerChanges } from './event-journal.js'
import { journalTimeline } from './journal-timeline.js'

const entry = (rv: number, resource: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    at: `2018-11-24T10:00:0${rv % 10}.000Z`,
    rv,
    type: 'MODIFIED',
    resource,
    namespace: 'onap',
    name: `x${rv}`,
    by: 'kubectl',
    ...extra,
  })

describe('journalTimeline()', () => {
  const text = [
    entry(1, 'pods', { type: 'ADDED' }),
    entry(2, 'events'),
    entry(3, 'nodes', { namespace: undefined, by: 'kubelet/w1' }),
    entry(4, 'pods', {
      by: 'kubelet/w1',
      changes: ['web: waiting (ContainerCreating) → running, ready'],
    }),
    'not json',
  ].join('\n')

  it('prints one line per write with time, resourceVersion, who and what, and pod transitions', () => {
    const lines = journalTimeline(text, 'j.ndjson')
    expect(lines[0]).to.match(/^10:00:01\.000 +1 {2}kubectl +created pods onap\/x1$/)
    expect(lines[1]).to.match(/4 {2}kubelet\/w1 +updated pods onap\/x4$/)
    expect(lines[2]).to.match(/↳ web: waiting \(ContainerCreating\) → running, ready$/)
    expect(lines[3]).to.equal('(j.ndjson:5: not a journal entry, skipped)')
    expect(lines).to.have.length(4)
  })

  it('leaves heartbeats and Events out unless all, and filters by resourceVersion and text', () => {
    expect(
      journalTimeline(text, 'j', { all: true }).filter((l) => /events|nodes/.test(l))
    ).to.have.length(2)
    expect(
      journalTimeline(text, 'j', { sinceRv: 3 }).filter((l) => l.includes('pods'))
    ).to.have.length(1)
    const found = journalTimeline(text, 'j', { grep: 'running' })
    expect(found.filter((l) => !l.startsWith('('))).to.have.length(2) // the write and its transition
  })
})

describe('journalTimeline() with scenario events', () => {
  it('shows a scheduled event with its entry and what it did, and --grep finds it', () => {
    const text = [
      entry(5, 'pods'),
      JSON.stringify({
        at: '2018-11-24T10:00:07.250Z',
        rv: 6,
        type: 'SCENARIO',
        resource: 'scenario',
        name: 'kill-web',
        by: 'scenario',
        what: 'deleted pod default/web-1 (t+3.0s)',
      }),
    ].join('\n')
    const lines = journalTimeline(text, 'j')
    expect(lines[1]).to.match(
      /^10:00:07\.250 +6 {2}scenario +scenario "kill-web": deleted pod default\/web-1 \(t\+3\.0s\)$/
    )
    expect(journalTimeline(text, 'j', { grep: 'kill-web' })).to.have.length(1)
    expect(journalTimeline(text, 'j', { sinceRv: 6 })).to.deep.equal([])
  })
})

describe('containerChanges()', () => {
  const pod = (state: Record<string, unknown>, restartCount = 0): KubeObject => ({
    metadata: { name: 'p' },
    status: { containerStatuses: [{ name: 'c', state, ready: false, restartCount }] },
  })
  it('names each container whose state changed, and nothing when none did', () => {
    const a = pod({ running: {} })
    const b = pod({ terminated: { exitCode: 1, reason: 'Error' } }, 1)
    expect(containerChanges(a, b)).to.deep.equal(['c: running → terminated (Error), 1 restarts'])
    expect(containerChanges(undefined, a)).to.deep.equal(['c: none → running'])
    expect(containerChanges(a, a)).to.deep.equal([])
  })
})
