import { expect } from 'chai'
import { Backends } from './backend-names.js'
import { BACKEND_FACTORIES, newBackend } from './registry.js'

describe('the backend registry', () => {
  it('makes every named backend, each under its own name', () => {
    expect(Object.keys(BACKEND_FACTORIES)).to.deep.equal(Object.values(Backends))
    for (const name of Object.values(Backends))
      expect(newBackend(name, { root: '/r' }).name).to.equal(name)
  })

  it('refuses an unknown name, naming the known ones', () => {
    expect(() => newBackend('docker', { root: '/r' })).to.throw(
      'invalid --backend "docker": want one of sim, kind, existing'
    )
  })
})
