import { expect } from 'chai'
import {
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  internalError,
  notFound,
  isStatusError,
} from './errors.js'

const pods = { group: '', resource: 'pods' }

describe('StatusError', () => {
  it('builds expected outcomes (NotFound, Conflict, AlreadyExists) without stack frames', () => {
    for (const e of [
      notFound(pods, 'web-1'),
      conflict(pods, 'web-1'),
      alreadyExists(pods, 'web-1'),
      StatusError.fromStatus({ code: 404, reason: 'NotFound', message: 'gone' }, 404),
    ]) {
      expect(e.stack ?? '', e.reason).not.to.match(/\n\s+at /)
      expect(isStatusError(e, e.reason)).to.equal(true)
      expect(e).to.be.instanceOf(Error)
    }
  })

  it('keeps the Status, message and code of an expected outcome', () => {
    const e = notFound(pods, 'web-1')
    expect(e.message).to.equal('pods "web-1" not found')
    expect(e.name).to.equal('StatusError')
    expect(e.code).to.equal(404)
    expect(e.toStatus()).to.deep.equal({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "web-1" not found',
      reason: 'NotFound',
      details: { name: 'web-1', kind: 'pods' },
      code: 404,
    })
    const c = conflict({ group: 'apps', resource: 'deployments' }, 'd')
    expect(c.code).to.equal(409)
    expect(c.message).to.equal(
      'Operation cannot be fulfilled on deployments.apps "d": the object has been modified; please apply your changes to the latest version and try again'
    )
  })

  it('keeps the stack trace of unexpected failures and restores the limit', () => {
    const before = Error.stackTraceLimit
    for (const e of [internalError(new Error('boom')), badRequest('bad')])
      expect(e.stack ?? '', e.reason).to.match(/\n\s+at /)
    notFound(pods, 'x')
    expect(Error.stackTraceLimit).to.equal(before)
    expect(new Error('plain').stack).to.match(/\n\s+at /)
  })
})
