import { expect } from 'chai'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createActionContext } from './action-context.js'
import {
  fileProfile,
  firstStepStart,
  readProfile,
  stepProfiles,
  type ProfileEntry,
} from './install-profile.js'
import { runPipeline } from './run-pipeline.js'
import { createStatusPrinter } from './status-printer.js'
import { memoryTranscript } from './transcript.js'
import { fakeRunner } from '../testing/install/fake-runner.js'
import { testOptions } from '../testing/install/lab-options.js'
import type { Action } from './action.js'

function action(name: string, run: string[][], waitMs = 0): Action {
  return {
    name,
    title: name,
    plan: () => [],
    async execute(ctx) {
      for (const args of run) await ctx.kubectl(args)
      await ctx.sleep(waitMs)
    },
  }
}

describe('install profile', () => {
  it('records each step and each command it ran, with their times, and reads them back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'install-profile-'))
    try {
      const file = join(dir, 'profile.ndjson')
      let t = 0
      const runner = fakeRunner((line) => {
        t += line.includes('apply') ? 700 : 100
        return line.includes('fails') ? { code: 1 } : undefined
      })
      const ctx = createActionContext({
        options: testOptions(),
        status: createStatusPrinter({ write: () => undefined, tty: false }),
        run: runner.run,
        transcript: memoryTranscript(),
        now: () => t,
        sleep: (ms) => Promise.resolve(void (t += ms)),
        profile: fileProfile(file),
      })
      await runPipeline(
        [
          action(
            'one',
            [
              ['apply', '-f', 'x.yaml'],
              ['get', 'pods'],
            ],
            250
          ),
          action('two', [['get', 'nodes']]),
        ],
        ctx,
        { retain: true, teardown: async () => undefined }
      )
      const entries = readProfile(file)
      expect(entries.map((e) => [e.kind, e.name, e.ms])).to.deep.equal([
        ['command', 'kubectl apply -f x.yaml', 700],
        ['command', 'kubectl get pods', 100],
        ['step', 'one', 1050],
        ['command', 'kubectl get nodes', 100],
        ['step', 'two', 100],
      ])
      const steps = stepProfiles(entries)
      expect(steps.map((s) => [s.step, s.commands.length, s.otherMs])).to.deep.equal([
        ['one', 2, 250],
        ['two', 1, 0],
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('groups commands by their step tag when steps ran alongside one another', () => {
    const entries: ProfileEntry[] = [
      { kind: 'command', name: 'kubectl apply -f istio.yaml', start: 100, ms: 900, step: 'istio' },
      { kind: 'command', name: 'helm repo add local', start: 150, ms: 200, step: 'chart-repo' },
      { kind: 'step', name: 'istio', start: 90, ms: 1000 },
      { kind: 'step', name: 'chart-repo', start: 140, ms: 300 },
    ]
    expect(stepProfiles(entries).map((s) => [s.step, s.commands.map((c) => c.name)])).to.deep.equal(
      [
        ['istio', ['kubectl apply -f istio.yaml']],
        ['chart-repo', ['helm repo add local']],
      ]
    )
    // Without the tags, by time: both commands started within istio's time.
    const untagged = entries.map(({ step: _, ...e }) => e)
    expect(stepProfiles(untagged)[0]!.commands).to.have.length(2)
    expect(firstStepStart(entries)).to.equal(90)
    expect(firstStepStart(entries.filter((e) => e.kind === 'command'))).to.equal(undefined)
  })

  it('tags the commands each step ran with its name', async () => {
    let t = 0
    const entries: ProfileEntry[] = []
    const ctx = createActionContext({
      options: testOptions(),
      status: createStatusPrinter({ write: () => undefined, tty: false }),
      run: fakeRunner().run,
      transcript: memoryTranscript(),
      now: () => (t += 10),
      profile: (e) => void entries.push(e),
    })
    await runPipeline([action('one', [['get', 'pods']]), action('two', [['get', 'nodes']])], ctx)
    expect(entries.filter((e) => e.kind === 'command').map((e) => [e.name, e.step])).to.deep.equal([
      ['kubectl get pods', 'one'],
      ['kubectl get nodes', 'two'],
    ])
  })

  it('refuses a line that is not an entry, naming the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'install-profile-'))
    try {
      const file = join(dir, 'p.ndjson')
      const ok: ProfileEntry = { kind: 'step', name: 'a', start: 0, ms: 1 }
      writeFileSync(file, `${JSON.stringify(ok)}\n{"kind":"nap","ms":1}\n`)
      expect(() => readProfile(file)).to.throw(`${file}:2: not an install profile entry`)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
