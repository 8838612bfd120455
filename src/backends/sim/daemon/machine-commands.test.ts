import { expect } from 'chai'
import { servedChartsUrl } from './machine-commands.js'

describe('servedChartsUrl()', () => {
  const text =
    'Regenerating index. This may take a moment.\nNow serving you on http://127.0.0.1:8879\n'

  it("reads where helm serve answers from the result's data", () => {
    const r = { code: 0, stdout: text, stderr: '', data: { url: 'http://127.0.0.1:8879' } }
    expect(servedChartsUrl(r)).to.equal('http://127.0.0.1:8879')
  })

  it('reads nothing from a failed run, from data of another shape, or from the text alone', () => {
    const data = { url: 'http://127.0.0.1:8879' }
    expect(servedChartsUrl({ code: 1, stdout: '', stderr: 'Error', data })).to.equal(undefined)
    expect(servedChartsUrl({ code: 0, stdout: text, stderr: '', data: { url: 8879 } })).to.equal(
      undefined
    )
    expect(servedChartsUrl({ code: 0, stdout: text, stderr: '' })).to.equal(undefined)
  })
})
