import { expect } from 'chai'
import { defaultLabOptions, resolveLabOptions, validateLabOptions } from './lab-options.js'

describe('resolveLabOptions() --auth', () => {
  it('takes LAB_AUTH=1 or true, and a flag over the variable', () => {
    expect(resolveLabOptions('/r', {}, { LAB_AUTH: '1' }).auth).to.equal(true)
    expect(resolveLabOptions('/r', {}, { LAB_AUTH: 'true' }).auth).to.equal(true)
    expect(resolveLabOptions('/r', { auth: false }, { LAB_AUTH: '1' }).auth).to.equal(false)
  })

  it('leaves the auth variant off without the flag or variable', () => {
    expect(resolveLabOptions('/r', {}, {}).auth).to.equal(undefined)
    expect(resolveLabOptions('/r', {}, { LAB_AUTH: '0' }).auth).to.equal(false)
  })
})

describe('resolveLabOptions() --from-snapshot', () => {
  it('takes the flag or LAB_FROM_SNAPSHOT', () => {
    expect(resolveLabOptions('/r', { fromSnapshot: '/a.snap' }, {}).fromSnapshot).to.equal(
      '/a.snap'
    )
    expect(resolveLabOptions('/r', {}, { LAB_FROM_SNAPSHOT: '/b.snap' }).fromSnapshot).to.equal(
      '/b.snap'
    )
  })

  it('refuses it with another backend or with --until, naming the conflict', () => {
    expect(() =>
      resolveLabOptions('/r', { fromSnapshot: '/a.snap', backend: 'kind' }, {})
    ).to.throw('--from-snapshot conflicts with --backend kind')
    expect(() =>
      resolveLabOptions('/r', { fromSnapshot: '/a.snap', until: 'cluster' }, {})
    ).to.throw('--from-snapshot conflicts with --until')
  })
})

describe('validateLabOptions()', () => {
  it('refuses a repo port that is not a port', () => {
    expect(() => validateLabOptions({ ...defaultLabOptions('/r'), repoPort: 70000 })).to.throw(
      /invalid --repo-port 70000/
    )
  })
})

describe('resolveLabOptions() --state-dir', () => {
  it('refuses an empty path (which would be the current directory), and takes a given one', () => {
    expect(() => resolveLabOptions('/r', { stateDir: '' }, {})).to.throw(
      '--state-dir needs a directory: it was given an empty path'
    )
    expect(resolveLabOptions('/r', { stateDir: '/tmp/x' }, {}).stateDir).to.equal('/tmp/x')
    expect(resolveLabOptions('/r', {}, { LAB_STATE_DIR: '' }).stateDir).to.equal('/r/.lab')
  })
})
