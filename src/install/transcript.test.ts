import { expect } from 'chai'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { commandLine, shellQuote } from './command-runner.js'
import { fileTranscript, memoryTranscript } from './transcript.js'

describe('fileTranscript()', () => {
  let dir = ''
  before(() => (dir = mkdtempSync(join(tmpdir(), 'transcript-'))))
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('writes a replayable script: the environment, then each command in order', () => {
    const file = join(dir, 'sub', 'transcript')
    const t = fileTranscript(file, { KUBECONFIG: '/lab state/kubeconfig' })
    t.comment('step namespace: Creating onap')
    t.command('kubectl', ['create', 'namespace', 'onap'])
    t.command('kubectl', ['get', 'ns', '-o', 'jsonpath={.items[*].metadata.name}'])
    t.command('kubectl', ['apply', '-f', '-'], 'kind: Namespace\nmetadata: {name: x}\n')
    t.line('docker exec m kubeadm token create --print-join-command')
    expect(readFileSync(file, 'utf8')).to.equal(
      [
        '#!/bin/sh',
        '# The commands onap-mesh-lab ran to install the lab, in the order they ran.',
        '# Replay by hand with the same environment (kubectl and helm from .clients/bin):',
        "export KUBECONFIG='/lab state/kubeconfig'",
        '# step namespace: Creating onap',
        'kubectl create namespace onap',
        "kubectl get ns -o 'jsonpath={.items[*].metadata.name}'",
        "kubectl apply -f - <<'EOF'",
        'kind: Namespace',
        'metadata: {name: x}',
        'EOF',
        'docker exec m kubeadm token create --print-join-command',
        '',
      ].join('\n')
    )
  })

  it('starts afresh each time', () => {
    const file = join(dir, 'again')
    fileTranscript(file).command('helm', ['version'])
    fileTranscript(file).command('helm', ['list'])
    expect(readFileSync(file, 'utf8')).to.not.contain('helm version')
  })

  it('keeps lines in memory without a file', () => {
    const t = memoryTranscript()
    t.command('helm', ['repo', 'add', 'local', 'http://127.0.0.1:8879'])
    expect(t.lines()).to.deep.equal(['helm repo add local http://127.0.0.1:8879'])
  })
})

describe('shellQuote()', () => {
  it('leaves plain words alone and single-quotes the rest', () => {
    expect(['a-b/c.yaml', 'sha256:ab', 'two words', "it's", ''].map(shellQuote)).to.deep.equal([
      'a-b/c.yaml',
      'sha256:ab',
      "'two words'",
      "'it'\\''s'",
      "''",
    ])
    expect(commandLine('helm', ['install', 'x', '--set', 'a=b c'])).to.equal(
      "helm install x --set 'a=b c'"
    )
  })
})
