import { expect } from 'chai'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { labProfileLines, labUpCommand, type LabBenchResult } from './lab-bench.js'

function run(istioMs: number, upSeconds: number): LabBenchResult {
  return {
    steps: [],
    upSeconds,
    specsSeconds: 0,
    downSeconds: 0,
    daemonRssMb: 0,
    startSeconds: 1,
    profile: [
      {
        step: 'istio',
        ms: istioMs,
        commands: [
          { name: 'kubectl apply -f istio.yaml', ms: istioMs / 2 },
          { name: 'kubectl get deployments -n istio-system -o json', ms: 100 },
        ],
        otherMs: istioMs / 2 - 100,
      },
    ],
  }
}

describe('labProfileLines()', () => {
  it("prints each step's median over the runs, its range, its commands' share and its slowest command", () => {
    const lines = labProfileLines([run(3000, 5), run(1000, 3), run(2000, 4)])
    const istio = lines.find((l) => l.trim().startsWith('istio'))!
    expect(istio).to.match(
      /istio\s+2\.00\s+1\.00–3\.00\s+1\.10\s+0\.90\s+1\.00s kubectl apply -f istio\.yaml/
    )
    expect(lines.find((l) => l.includes('whole lab:up'))).to.match(/4\.00\s+3\.00–5\.00/)
    expect(lines.find((l) => l.includes('daemon start'))).to.match(/1\.00/)
  })

  it('prints only the header and totals when no step was profiled', () => {
    const lines = labProfileLines([{ ...run(0, 2), profile: [] }])
    expect(lines).to.have.length(3)
  })
})

describe('labUpCommand()', () => {
  it("runs what `npm run lab:up` runs: the package's own script", () => {
    const root = resolve(import.meta.dirname, '..', '..')
    expect(labUpCommand(root)).to.match(/^exec node .*scripts\/lab-up\./)
  })

  it('names the package.json that has no lab:up script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-bench-'))
    try {
      writeFileSync(join(dir, 'package.json'), '{"scripts": {"test": "x"}}')
      expect(() => labUpCommand(dir)).to.throw(`lab:up script in ${join(dir, 'package.json')}`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
