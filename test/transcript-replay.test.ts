import { expect } from 'chai'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { resolveLabOptions, StateDir, stopDaemon, upLab } from '../src/lab/index.js'
import { KUBECTL, ROOT, run, type RunResult } from './support/lab-fixture.js'

// .lab/transcript must hold exactly the commands that ran, each runnable by hand. This replays a
// whole lab's transcript, line by line with bash, against a fresh cluster-only lab and compares
// what both labs hold. The transcript's `# … by hand: <command>` comments are run as the command
// they give (the lab polled instead); `helm serve` is left out: the first lab's repository keeps
// serving the same charts at the URL the replayed `helm repo add` names.

const quiet = { line: () => undefined, write: () => undefined, tty: false }
const STEP_LEFT_OUT = '# step release-multicloud'

async function up(until?: string) {
  const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-replay-'))
  const opts = { stateDir, repoPort: 0, ...(until ? { until } : {}) }
  await upLab(ROOT, resolveLabOptions(ROOT, opts, {}), quiet)
  return stateDir
}

/** Every listable object of a lab as `kind namespace name containers`, generated suffixes masked. */
async function inventory(kubectl: (args: string[]) => Promise<RunResult>): Promise<string[]> {
  const kinds = await kubectl(['api-resources', '--verbs=list', '-o', 'name'])
  expect(kinds.code, kinds.stderr).to.equal(0)
  // Events, leases and endpoints record when things happened, not what the install made.
  const skip = /^(events|componentstatuses|leases|endpointslices|endpoints)(\.|$)/
  const list = kinds.stdout.split('\n').filter((k) => k && !skip.test(k))
  const jsonpath =
    '{range .items[*]}{.kind} {.metadata.namespace} {.metadata.name} {.spec.containers[*].name}{"\\n"}{end}'
  const r = await kubectl(['get', list.join(','), '-A', '-o', `jsonpath=${jsonpath}`])
  expect(r.code, r.stderr).to.equal(0)
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) =>
      l
        .replace(/^(Pod \S+ \S+)-[a-z0-9]{5}\b/, '$1-*')
        .replace(/bootstrap-token-[a-z0-9]{6}\b/, 'bootstrap-token-*')
        .replace(/-token-[a-z0-9]{5}\b/, '-token-*')
    )
    .sort()
}

describe('the transcript, replayed by hand against a fresh cluster-only lab', function () {
  this.timeout(600_000)
  let original: string | undefined
  let fresh: string | undefined
  const clientEnv = (stateDir: string, home: string) => ({
    PATH: `${dirname(KUBECTL)}:${process.env.PATH ?? ''}`,
    HOME: home,
    KUBECONFIG: new StateDir(stateDir).kubeconfig,
  })
  const kubectlOf = (stateDir: string) => (args: string[]) =>
    run(KUBECTL, args, clientEnv(stateDir, stateDir))

  before(async () => {
    original = await up()
    fresh = await up('cluster')
  })

  after(async () => {
    for (const dir of [original, fresh]) {
      if (!dir) continue
      await stopDaemon(new StateDir(dir))
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('gets the same objects, and one release left out is what differs', async () => {
    const transcript = readFileSync(new StateDir(original!).path('transcript'), 'utf8')
    const lines = transcript.split('\n')
    const from = lines.findIndex((l) => l.startsWith('# step istio'))
    expect(from, 'the transcript has the Istio step').to.be.greaterThan(0)
    const home = mkdtempSync(join(tmpdir(), 'mesh-lab-replay-home-'))
    const env = clientEnv(fresh!, home)
    const bash = (command: string) => run('/bin/bash', ['-c', command], env, undefined, 300_000)
    const leftOut: string[] = []
    let skipping = false
    try {
      for (let i = from; i < lines.length; i++) {
        const line = lines[i]!
        if (line.startsWith('# step ')) skipping = line.startsWith(STEP_LEFT_OUT)
        if (skipping) {
          if (!line.startsWith('#') && line.trim() !== '') leftOut.push(line)
          continue
        }
        let command = line
        if (line.startsWith('#')) {
          const byHand = /by hand: (.+)$/.exec(line)
          if (!byHand) continue
          command = byHand[1]!
        }
        if (command.trim() === '' || command.startsWith('helm serve ')) continue
        const r = await bash(command)
        // kubectl applies custom resources before their definitions are served, as on the page;
        // the transcript says so in its next line and applies again.
        const retried = /apply again/.test(lines[i + 1] ?? '')
        if (!retried) expect(r.code, `${command}\n${r.stderr}`).to.equal(0)
      }
      expect(leftOut.length, `the transcript has ${STEP_LEFT_OUT}`).to.be.greaterThan(0)
      const want = await inventory(kubectlOf(original!))
      const without = await inventory(kubectlOf(fresh!))
      const missing = want.filter((l) => !without.includes(l))
      expect(missing.length, 'the objects of the left-out release').to.be.greaterThan(0)
      expect(
        missing.every((l) => /multicloud/.test(l)),
        missing.join('\n')
      ).to.equal(true)

      for (const command of leftOut) {
        const r = await bash(command)
        expect(r.code, `${command}\n${r.stderr}`).to.equal(0)
      }
      const wait = await bash(
        'kubectl wait --for=condition=available deployment --all -n onap --timeout=300s'
      )
      expect(wait.code, wait.stderr).to.equal(0)
      expect(await inventory(kubectlOf(fresh!))).to.deep.equal(want)
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })
})
