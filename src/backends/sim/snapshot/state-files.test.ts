import { expect } from 'chai'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { collectStateFiles, writeStateFiles } from './state-files.js'

describe('collectStateFiles() and writeStateFiles()', () => {
  const base = mkdtempSync(join(tmpdir(), 'mesh-lab-state-files-'))
  after(() => rmSync(base, { recursive: true, force: true }))

  it('keeps the chart packages, helm config, transcript and journal, not credentials', () => {
    const a = join(base, 'a')
    mkdirSync(join(a, 'charts', 'dist'), { recursive: true })
    writeFileSync(join(a, 'charts', 'dist', 'onap-3.0.0.tgz'), Buffer.from([1, 2, 3]))
    writeFileSync(join(a, 'transcript'), 'kubeadm init\n', { mode: 0o600 })
    writeFileSync(join(a, 'ca.key'), 'secret')
    writeFileSync(join(a, 'kubeconfig'), 'secret')
    const files = collectStateFiles(a)
    expect(files.map((f) => f.path)).to.deep.equal(['charts/dist/onap-3.0.0.tgz', 'transcript'])
    const b = join(base, 'b')
    writeStateFiles(b, files)
    expect([...readFileSync(join(b, 'charts', 'dist', 'onap-3.0.0.tgz'))]).to.deep.equal([1, 2, 3])
    expect(statSync(join(b, 'transcript')).mode & 0o777).to.equal(0o600)
  })

  it('refuses a file that would land outside the state dir', () => {
    const evil = [{ path: '../escaped', mode: 0o644, data: 'eA==' }]
    expect(() => writeStateFiles(join(base, 'c'), evil)).to.throw(
      'failed to restore the file "../escaped": it is outside the state dir'
    )
  })
})
