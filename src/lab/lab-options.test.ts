import { expect } from 'chai'
import { resolveLabOptions } from './lab-options.js'

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
