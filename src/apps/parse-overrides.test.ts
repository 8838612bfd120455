import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { activeOverride } from './app-overrides.js'
import { parseAppOverrides } from './parse-overrides.js'

const FIXTURE = fileURLToPath(new URL('../../fixtures/scenarios/app-faults.yaml', import.meta.url))

describe('parseAppOverrides()', () => {
  it("reads the documented scenario's apps", () => {
    const doc = parse(readFileSync(FIXTURE, 'utf8')) as { apps: unknown }
    const [slow, flaky, dies] = parseAppOverrides(doc.apps, 'app-faults.yaml')
    expect(slow).to.deep.include({
      afterSeconds: 0,
      crash: false,
      latency: { kind: 'uniform', min: 800, max: 1200 },
    })
    expect(flaky).to.deep.include({
      afterSeconds: 60,
      forSeconds: 120,
      errorRate: 0.5,
      errorStatus: 503,
    })
    expect(dies?.crash).to.equal(true)
  })

  it('names the source and every bad field', () => {
    expect(() =>
      parseAppOverrides(
        [{ name: 'x', match: { pods: 'a' }, errorRate: 3, speed: 1 }, { name: 'y' }],
        's.yaml'
      )
    ).to.throw(
      's.yaml: invalid apps:\n' +
        '  apps[0].speed: unknown field\n' +
        '  apps[0].match: must map namespace, pod, container, image to strings\n' +
        '  apps[0].errorRate: must be a number from 0 to 1\n' +
        '  apps[1]: Required value: one of latencyMs, errorRate, crash'
    )
  })
})

describe('activeOverride()', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'multicloud-multicloud-ocata-1', namespace: 'onap' },
  }
  const o = parseAppOverrides(
    [
      { name: 'a', match: { pod: 'multicloud-*' }, afterSeconds: 10, forSeconds: 5, errorRate: 1 },
      { name: 'b', match: { namespace: 'other' }, crash: true },
    ],
    's.yaml'
  )

  it('applies a change only to matching containers, inside its time window', () => {
    expect(activeOverride(o, pod, 'c', 'img', 9_999)).to.equal(undefined)
    expect(activeOverride(o, pod, 'c', 'img', 10_000)).to.deep.equal({ errorRate: 1, crash: false })
    expect(activeOverride(o, pod, 'c', 'img', 15_000)).to.equal(undefined)
  })
})
