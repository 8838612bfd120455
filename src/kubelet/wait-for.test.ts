import { expect } from 'chai'
import type { KubeObject } from '../api/types.js'
import { containerNameReady, parseWaitForArgs, pythonAsctime } from './wait-for.js'

const SPEC = {
  nameFlags: ['-c', '--container-name'],
  timeoutFlags: ['-t', '--timeout'],
  timeoutMinutes: 10,
  pollSeconds: 5,
}

function pod(name: string, statuses: { name: string; ready: boolean }[]): KubeObject {
  return { metadata: { name }, status: { containerStatuses: statuses } }
}

describe('parseWaitForArgs()', () => {
  it("reads OOM's `--container-name X` (repeatable), short and = forms, and the timeout", () => {
    const argv = [
      '/root/ready.py',
      '--container-name',
      'msb-consul',
      '-c',
      'a',
      '-cb',
      '--container-name=c',
      '-t',
      '2.5',
    ]
    expect(parseWaitForArgs(argv, SPEC)).to.deep.equal({
      names: ['msb-consul', 'a', 'b', 'c'],
      timeoutMinutes: 2.5,
    })
  })

  it('finds no names in unrelated arguments and keeps the default timeout', () => {
    expect(parseWaitForArgs(['/root/ready.py', 'msb-consul', '--verbose'], SPEC)).to.deep.equal({
      names: [],
      timeoutMinutes: 10,
    })
  })
})

describe('containerNameReady()', () => {
  it('is ready only when a container of that name is ready; the last status in list order wins', () => {
    expect(containerNameReady([pod('a', [{ name: 'db', ready: true }])], 'db')).to.equal(true)
    expect(
      containerNameReady(
        [pod('a', [{ name: 'db', ready: true }]), pod('b', [{ name: 'db', ready: false }])],
        'db'
      )
    ).to.equal(false)
    expect(
      containerNameReady(
        [pod('a', [{ name: 'web', ready: true }]), { metadata: { name: 'new' } }],
        'db'
      )
    ).to.equal(false)
  })
})

describe('pythonAsctime()', () => {
  it("prints logging's default time format", () => {
    expect(pythonAsctime(new Date('2018-11-24T01:02:03.045Z'))).to.equal('2018-11-24 01:02:03,045')
  })
})
