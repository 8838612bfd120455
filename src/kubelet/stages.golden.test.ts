import { expect } from 'chai'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createSimPki, type SimPki } from '../backends/sim/index.js'
import { compareGolden, parseGolden, renderGolden } from '../testing/kubelet/golden-compare.js'
import type { GoldenStep } from '../testing/kubelet/golden-steps.js'
import { runStageCase } from '../testing/kubelet/run-stage-case.js'
import { loadStageCase } from '../testing/kubelet/stage-case.js'
import { CONTAINER_STAGES } from './stages.js'

// kwok-style golden tests of the kubelet's stages: each testdata/stages/<case>.input.yaml holds a
// pod, its node and its image behaviours; <case>.output.yaml is what the kubelet wrote to the API
// about the pod, instant by instant. UPDATE_GOLDEN=1 rewrites the outputs.
const DIR = join(import.meta.dirname, 'testdata', 'stages')
const UPDATE = process.env.UPDATE_GOLDEN === '1'
const CASES = readdirSync(DIR)
  .filter((f) => f.endsWith('.input.yaml'))
  .map((f) => f.replace(/\.input\.yaml$/, ''))
  .sort()

const inputOf = (name: string) => join(DIR, `${name}.input.yaml`)
const outputOf = (name: string) => join(DIR, `${name}.output.yaml`)
const golden = (name: string): GoldenStep[] =>
  parseGolden(readFileSync(outputOf(name), 'utf8'), outputOf(name))

describe('kubelet stages (golden)', function () {
  let pki: SimPki
  before(async function () {
    this.timeout(30_000)
    pki = await createSimPki('10.96.0.1', [])
  })

  for (const name of CASES) {
    it(name, async () => {
      const c = loadStageCase(inputOf(name))
      const run = await runStageCase(c, pki)
      expect(run.errors.map(String), 'errors the kubelet reported').to.deep.equal([])
      expect(run.steps.length, 'steps the kubelet wrote about the pod').to.be.greaterThan(0)
      const pod = `${c.pod.metadata.namespace}/${c.pod.metadata.name}`
      if (UPDATE)
        writeFileSync(
          outputOf(name),
          renderGolden({ name, description: c.description, pod }, run.steps)
        )
      if (!existsSync(outputOf(name)))
        throw new Error(`${outputOf(name)} is missing: run with UPDATE_GOLDEN=1`)
      const report = compareGolden(name, golden(name), run.steps)
      if (report) expect.fail(report)
    })
  }

  it('every input has its output and every output its input', () => {
    const outputs = readdirSync(DIR)
      .filter((f) => f.endsWith('.output.yaml'))
      .map((f) => f.replace(/\.output\.yaml$/, ''))
      .sort()
    expect(outputs).to.deep.equal(CASES)
  })

  it('reports the case and the step when one field of a golden differs (negative case)', async () => {
    const run = await runStageCase(loadStageCase(inputOf('pod-create-running')), pki)
    const expected = golden('pod-create-running')
    expect(compareGolden('pod-create-running', expected, run.steps)).to.equal(undefined)
    const status = (expected[3]!.writes![0]!.body as { status: { phase: string } }).status
    expect(status.phase).to.equal('Running')
    status.phase = 'Pending'
    const report = compareGolden('pod-create-running', expected, run.steps) ?? ''
    expect(report).to.match(
      /^stage case "pod-create-running": step 4 differs \(expected at 3\.3s, got at 3\.3s\); 1 of 4 steps differ/
    )
    expect(report).to.contain('\n-         phase: Pending\n+         phase: Running\n')
  })

  it('reports the step a changed stage moves (negative case)', async () => {
    // The same case with the start stage taking 0.5 s instead of 0.1 s.
    const stages = CONTAINER_STAGES.map((s) =>
      s.name === 'start' ? { ...s, delay: { seconds: 0.5 } } : s
    )
    const run = await runStageCase(loadStageCase(inputOf('pod-create-running')), pki, { stages })
    const report = compareGolden('pod-create-running', golden('pod-create-running'), run.steps)
    expect(report).to.match(/step 4 differs \(expected at 3\.3s, got at 3\.7s\)/)
    expect(report).to.contain('\n- at: 3.3s\n+ at: 3.7s\n')
  })
})
