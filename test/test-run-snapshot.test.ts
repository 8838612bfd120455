import { expect } from 'chai'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readSnapshotFile, runSuites, snapshotObjects } from '../src/lab/index.js'
import { KUBECTL, ROOT, run } from './support/lab-fixture.js'

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')
const BROKEN = 'test/fixtures/broken-specs/broken.spec.ts'

describe('npm test saves the lab of a failed spec run', function () {
  this.timeout(300_000)
  const base = mkdtempSync(join(tmpdir(), 'mesh-lab-failed-'))
  const restored = join(base, 'restored')
  const env = { PATH: process.env.PATH, HOME: base, CI: 'true' }
  const script = (name: string, args: string[]) =>
    run(TSX, [join(ROOT, 'scripts', `${name}.ts`), ...args], env, undefined, 150_000)

  after(async () => {
    await script('lab-down', ['--state-dir', restored])
    rmSync(base, { recursive: true, force: true })
  })

  /** Runs the broken suite through the runner as `npm test` does, returning what it printed. */
  const runBroken = async (files: string[]) => {
    const printed: string[] = []
    const log = console.log
    console.log = (...args: unknown[]) => void printed.push(args.map(String).join(' '))
    try {
      const counts = await runSuites(
        ROOT,
        [{ name: 'broken', files, needsLab: true }],
        { PATH: process.env.PATH },
        { testDir: base, lab: { until: 'cluster' } }
      )
      return { counts, printed: printed.join('\n') }
    } finally {
      console.log = log
    }
  }
  const snap = join(base, 'failed-broken.snap')

  it('writes failed-<suite>.snap, prints the command that restores it, and removes the lab', async () => {
    const { counts, printed } = await runBroken([BROKEN])
    expect(counts.failed).to.equal(1)
    expect(existsSync(snap), printed).to.equal(true)
    expect(printed).to.contain(`broken: reproduce it with: npm run lab:up -- --from-snapshot`)
    expect(printed).to.contain('failed-broken.snap')
    expect(existsSync(join(base, 'lab'))).to.equal(false)
  })

  it('restores to the broken state: what the failing spec left, with its UID', async function () {
    if (!existsSync(snap)) this.skip()
    const saved = snapshotObjects(readSnapshotFile(snap), 'configmaps').find(
      (o) => o.metadata.name === 'evidence'
    )
    expect(saved, 'the ConfigMap the broken spec created is in the snapshot').to.not.equal(
      undefined
    )
    const up = await script('lab-up', ['--state-dir', restored, '--from-snapshot', snap])
    expect(up.code, up.stderr).to.equal(0)
    const r = await run(KUBECTL, ['get', 'configmap', 'evidence', '-o', 'json'], {
      ...env,
      KUBECONFIG: join(restored, 'kubeconfig'),
    })
    expect(r.code, r.stderr).to.equal(0)
    const cm = JSON.parse(r.stdout) as { data: Record<string, string>; metadata: { uid: string } }
    expect(cm.data).to.deep.equal({ state: 'broken' })
    expect(cm.metadata.uid).to.equal(saved!.metadata.uid)
  })

  it('saves nothing when the suite passes', async () => {
    const { counts } = await runBroken(['test/fixtures/broken-specs/passing.spec.ts'])
    expect(counts).to.include({ failed: 0, passed: 1 })
    expect(existsSync(snap)).to.equal(false)
  })
})
