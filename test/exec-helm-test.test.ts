import { expect } from 'chai'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type ClusterTestLab } from './support/lab-fixture.js'
import { startStreamingLab } from './support/streaming-fixture.js'

describe('helm test hooks run their commands', function () {
  this.timeout(180_000)
  let lab: ClusterTestLab

  before(async () => {
    lab = await startStreamingLab()
  })
  after(async () => lab?.stop())

  it("passes with helm create's test-connection (busybox wget to the service)", async () => {
    const created = await lab.helm(['create', join(lab.dir, 'mychart')])
    expect(created.code, created.stderr).to.equal(0)
    const install = await lab.helm([
      'install',
      'demo',
      join(lab.dir, 'mychart'),
      '--namespace',
      'default',
      '--wait',
      '--timeout',
      '90s',
    ])
    expect(install.code, install.stderr).to.equal(0)
    const t = await lab.helm(['test', 'demo', '--namespace', 'default', '--timeout', '90s'])
    expect(t.code, t.stdout + t.stderr).to.equal(0)
    expect(t.stdout).to.match(/TEST SUITE:\s+demo-mychart-test-connection[\s\S]*Phase:\s+Succeeded/)
  })

  it('fails when the hook exits non-zero', async () => {
    const dir = join(lab.dir, 'mychart')
    writeFileSync(
      join(dir, 'templates', 'tests', 'test-connection.yaml'),
      `apiVersion: v1
kind: Pod
metadata:
  name: "{{ include "mychart.fullname" . }}-test-connection"
  annotations:
    "helm.sh/hook": test
spec:
  containers:
    - name: check
      image: busybox
      command: ['sh', '-c', 'wget -qO- http://nosuchservice:80/ || exit 1']
  restartPolicy: Never
`
    )
    const install = await lab.helm(['install', 'broken', dir, '--namespace', 'default'])
    expect(install.code, install.stderr).to.equal(0)
    const t = await lab.helm(['test', 'broken', '--namespace', 'default', '--timeout', '60s'])
    expect(t.code).to.not.equal(0)
    expect(t.stdout + t.stderr).to.match(/Failed|failed/)
    const logs = await lab.kubectl(['logs', 'broken-mychart-test-connection'])
    expect(logs.stdout).to.contain("wget: bad address 'nosuchservice'")
  })
})
