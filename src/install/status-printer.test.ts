import { expect } from 'chai'
import { createStatusPrinter, formatDuration } from './status-printer.js'

describe('createStatusPrinter()', () => {
  it('prints plain lines when the output is not a terminal (CI)', () => {
    const out: string[] = []
    const s = createStatusPrinter({ write: (t) => void out.push(t), tty: false })
    s.start('Installing Istio')
    s.info('   $ kubectl apply -f istio.yaml')
    s.end(true, 1234)
    s.start('Building the ONAP charts')
    s.end(false, 61_000)
    expect(out.join('')).to.equal(
      [
        ' • Installing Istio …',
        '   $ kubectl apply -f istio.yaml',
        ' ✓ Installing Istio (1.2s)',
        ' • Building the ONAP charts …',
        ' ✗ Building the ONAP charts (1m01s)',
        '',
      ].join('\n')
    )
  })

  it('redraws a spinner in place on a terminal and replaces it with the result', async () => {
    const out: string[] = []
    const s = createStatusPrinter({ write: (t) => void out.push(t), tty: true, intervalMs: 5 })
    s.start('Joining the workers')
    await new Promise((r) => setTimeout(r, 30))
    s.info('   $ kubeadm join …')
    s.end(true, 500)
    const frames = out.filter((t) => t.startsWith('\r\x1b[2K ') && t.includes('Joining'))
    expect(frames.length).to.be.above(2)
    expect(frames[0]).to.equal('\r\x1b[2K ⠋ Joining the workers')
    expect(out).to.include('\r\x1b[2K   $ kubeadm join …\n')
    expect(out.at(-1)).to.equal('\r\x1b[2K ✓ Joining the workers (0.5s)\n')
    const count = out.length
    await new Promise((r) => setTimeout(r, 20))
    expect(out.length, 'no frames after the end').to.equal(count)
  })
})

describe('formatDuration()', () => {
  it('shows tenths below 10 s, seconds below a minute, then minutes', () => {
    expect([400, 9_940, 12_400, 65_000, 600_000].map(formatDuration)).to.deep.equal([
      '0.4s',
      '9.9s',
      '12s',
      '1m05s',
      '10m00s',
    ])
  })
})
