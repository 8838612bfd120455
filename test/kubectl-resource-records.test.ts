import { expect } from 'chai'
import { startControllers, type StartedControllers } from '../src/controllers/index.js'
import { scaledClock } from '../src/util/index.js'
import { startTestLab, until, type TestLab } from './support/lab-fixture.js'

// Each resource below is one file under src/api/resources/builtin/ and nothing else: kubectl
// finds it through discovery, the registry serves it from its record, and the namespace
// controller finds it through discovery too.

const ATTACHMENT = `apiVersion: storage.k8s.io/v1beta1
kind: VolumeAttachment
metadata:
  name: va1
spec:
  attacher: csi.example.com
  nodeName: n1
  source:
    persistentVolumeName: pv1
`

const PRESET = `apiVersion: settings.k8s.io/v1alpha1
kind: PodPreset
metadata:
  name: proxy-env
  namespace: presets
spec:
  selector:
    matchLabels:
      role: frontend
  env:
  - name: HTTP_PROXY
    value: http://proxy:3128
`

async function ok(lab: TestLab, args: string[], input?: string): Promise<string> {
  const r = await lab.kubectl(args, input)
  expect(r.code, `kubectl ${args.join(' ')}: ${r.stderr}`).to.equal(0)
  return r.stdout.trim()
}

describe('resources added as one record file, through kubectl 1.33 on the 1.11 profile', function () {
  this.timeout(90_000)
  let lab: TestLab
  let controllers: StartedControllers | undefined

  before(async () => {
    lab = await startTestLab()
  })
  after(async () => {
    await controllers?.stop()
    await lab.stop()
  })

  it('creates, gets, lists and deletes a VolumeAttachment (storage.k8s.io/v1beta1)', async () => {
    expect(await ok(lab, ['create', '-f', '-'], ATTACHMENT)).to.equal(
      'volumeattachment.storage.k8s.io/va1 created'
    )
    const got = JSON.parse(await ok(lab, ['get', 'volumeattachment', 'va1', '-o', 'json']))
    expect(got).to.nested.include({
      apiVersion: 'storage.k8s.io/v1beta1',
      kind: 'VolumeAttachment',
      'spec.attacher': 'csi.example.com',
    })
    expect(got.metadata.namespace).to.equal(undefined)
    expect(await ok(lab, ['get', 'volumeattachments', '-o', 'name'])).to.equal(
      'volumeattachment.storage.k8s.io/va1'
    )
    expect(await ok(lab, ['delete', 'volumeattachment', 'va1'])).to.equal(
      'volumeattachment.storage.k8s.io "va1" deleted'
    )
    const after = await lab.kubectl(['get', 'volumeattachment', 'va1'])
    expect(after.code).to.equal(1)
    expect(after.stderr).to.contain('volumeattachments.storage.k8s.io "va1" not found')
  })

  it("refuses a VolumeAttachment without an attacher with its record's validation (422)", async () => {
    // --validate=false: kubectl's own schema check would refuse it first, as against a real 1.11.
    const r = await lab.kubectl(
      ['create', '--validate=false', '-f', '-'],
      ATTACHMENT.replace(/ {2}attacher: .*\n/, '')
    )
    expect(r.code).to.equal(1)
    expect(r.stderr).to.contain(
      'The VolumeAttachment "va1" is invalid: spec.attacher: Required value'
    )
  })

  it('serves PodPreset only once settings.k8s.io/v1alpha1 is enabled, then as any resource', async () => {
    await ok(lab, ['create', 'namespace', 'presets'])
    // 1.11 serves no alpha API by default: the resource is unknown (discovery and the path, 404).
    const before = await lab.kubectl(['get', 'podpresets', '-n', 'presets'])
    expect(before.code).to.equal(1)
    expect(before.stderr).to.contain(`the server doesn't have a resource type "podpresets"`)
    const raw = await lab.kubectl([
      'get',
      '--raw',
      '/apis/settings.k8s.io/v1alpha1/namespaces/presets/podpresets',
    ])
    expect(raw.code).to.equal(1)
    expect(raw.stderr).to.contain('NotFound')

    expect(lab.cluster.api.catalog.enable('settings.k8s.io/v1alpha1')).to.equal(true)
    expect(await ok(lab, ['create', '-f', '-'], PRESET)).to.equal(
      'podpreset.settings.k8s.io/proxy-env created'
    )
    const got = JSON.parse(
      await ok(lab, ['get', 'podpreset', 'proxy-env', '-n', 'presets', '-o', 'json'])
    )
    expect(got).to.nested.include({
      kind: 'PodPreset',
      'metadata.namespace': 'presets',
      'spec.selector.matchLabels.role': 'frontend',
    })
    expect(await ok(lab, ['get', 'podpresets', '-A', '-o', 'name'])).to.equal(
      'podpreset.settings.k8s.io/proxy-env'
    )
    await ok(lab, ['delete', 'podpreset', 'proxy-env', '-n', 'presets'])
    expect(await ok(lab, ['get', 'podpresets', '-n', 'presets', '-o', 'name'])).to.equal('')
  })

  it('has the namespace controller delete a PodPreset with its namespace (found by discovery)', async () => {
    await ok(lab, ['create', '-f', '-'], PRESET)
    controllers = startControllers(lab.cluster.client('kube-controller-manager'), scaledClock(1), {
      controllers: ['namespace'],
    })
    await controllers.ready
    await ok(lab, ['delete', 'namespace', 'presets', '--wait=false'])
    await until(
      'the namespace and its PodPreset to be gone',
      async () => (await lab.kubectl(['get', 'namespace', 'presets'])).code === 1,
      30_000
    )
    const raw = await lab.kubectl([
      'get',
      '--raw',
      '/apis/settings.k8s.io/v1alpha1/namespaces/presets/podpresets',
    ])
    expect(raw.code, raw.stderr).to.equal(0)
    expect(JSON.parse(raw.stdout).items).to.deep.equal([])
  })
})
