import { expect } from 'chai'
import { existsSync } from 'node:fs'
import { KUBECTL, run, startTestLab, type RunResult, type TestLab } from './support/lab-fixture.js'

// `kubectl explain` reads the profile's schemas (1.33: /openapi/v3; 1.20: /openapi/v2 in protobuf)
// and prints each field with its description: the lab's own sentences
// (src/apiserver/openapi/descriptions.yaml) over the release's structure.
const KUBECTL_120 = '/opt/kubectl-1.20/usr/bin/kubectl'

describe('kubectl explain prints fields with their descriptions', function () {
  this.timeout(120_000)
  let lab: TestLab
  let env: NodeJS.ProcessEnv

  before(async () => {
    lab = await startTestLab()
    env = { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: lab.kubeconfig }
  })
  after(async () => lab?.stop())

  const clients: [string, string][] = [
    ['1.33', KUBECTL],
    ['1.20', KUBECTL_120],
  ]
  for (const [version, bin] of clients) {
    const explain = async (ctx: Mocha.Context, what: string): Promise<RunResult> => {
      if (!existsSync(bin)) {
        console.log(`    (skipped: ${bin} is absent; extract Debian's kubernetes-client there)`)
        ctx.skip()
      }
      const r = await run(bin, ['explain', what], env)
      expect(r.code, r.stderr).to.equal(0)
      // kubectl wraps descriptions; compare words, not lines.
      return { ...r, stdout: r.stdout.replace(/\s+/g, ' ') }
    }

    it(`${version}: pods.spec.containers, the field's description and each child's`, async function () {
      const r = await explain(this, 'pods.spec.containers')
      expect(r.stdout).to.contain(
        "The pod's containers, at least one. They start once every init container has run to completion."
      )
      expect(r.stdout).to.match(/image <string>\s+The image to run, e\.g\./)
      expect(r.stdout).to.match(
        /readinessProbe <(Object|Probe)>\s+A periodic check of the container;/
      )
    })

    it(`${version}: deployment.spec.strategy and its rollingUpdate`, async function () {
      const r = await explain(this, 'deployment.spec.strategy')
      expect(r.stdout).to.contain(
        'How pods of the old template are replaced by pods of the new one.'
      )
      expect(r.stdout).to.match(/type <string>\s+Recreate deletes every old pod/)
      const ru = await explain(this, 'deployment.spec.strategy.rollingUpdate')
      expect(ru.stdout).to.match(
        /maxSurge <(string|Object|IntOrString)>\s+How many pods may exist above/
      )
    })

    it(`${version}: a type the lab does not describe shows its fields without a description`, async function () {
      const r = await explain(this, 'pods.spec.volumes.nfs')
      expect(r.stdout).to.match(/server <string> -required-/)
      expect(r.stdout).to.not.contain('The image to run')
    })
  }
})
