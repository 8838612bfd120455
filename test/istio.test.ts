import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT, startClusterTestLab, type ClusterTestLab, until } from './support/lab-fixture.js'

interface ExpectedService {
  name: string
  type: string
  externalIP: string
  ports: string[]
}

const expected = parse(
  readFileSync(join(ROOT, 'fixtures', 'expected', 'istio-system-services.yaml'), 'utf8')
) as { services: ExpectedService[] }
const expectedPods = parse(
  readFileSync(join(ROOT, 'fixtures', 'expected', 'istio-system-pods.yaml'), 'utf8')
) as {
  deployments: { name: string; ready: string }[]
  jobs: { name: string; ready: string; status: string }[]
}

const app = (name: string, ns: string, annotation?: string) => `apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  replicas: 1
  template:
    metadata:
      labels: {app: ${name}}
${annotation === undefined ? '' : `      annotations: {sidecar.istio.io/inject: "${annotation}"}\n`}    spec:
      containers:
      - {name: app, image: "nexus3.onap.org:10001/onap/msb/msb_discovery:1.2.0", ports: [{containerPort: 10081}]}
      - {name: filebeat-onap, image: "docker.elastic.co/beats/filebeat:5.5.0"}
`

describe('Istio 1.0 on the simulated cluster', function () {
  this.timeout(180_000)
  let lab: ClusterTestLab

  const podRow = async (ns: string, app: string) =>
    (await lab.kubectl(['get', 'pods', '-n', ns, '-l', `app=${app}`, '--no-headers'])).stdout.trim()
  const readyOf = async (ns: string, name: string) => {
    await until(`${ns}/${name} running`, async () => /\sRunning\s/.test(await podRow(ns, name)))
    await until(`${ns}/${name} ready`, async () => {
      const m = /\s(\d+)\/(\d+)\s/.exec(await podRow(ns, name))
      return !!m && m[1] === m[2]
    })
    return /\s(\d+\/\d+)\s/.exec(await podRow(ns, name))![1]
  }
  const containers = async (ns: string, name: string) =>
    (
      await lab.kubectl([
        'get',
        'pods',
        '-n',
        ns,
        '-l',
        `app=${name}`,
        '-o',
        'jsonpath={.items[0].spec.containers[*].name}',
      ])
    ).stdout

  before(async () => {
    lab = await startClusterTestLab()
    const r = await lab.kubectl(['apply', '-f', join(ROOT, 'fixtures', 'istio', 'istio.yaml')])
    if (r.code !== 0) {
      // CRDs and their custom resources in one file: kubectl maps the CRs before the CRDs exist
      // (as on a real cluster); Istio 1.0's docs say to apply again.
      const again = await lab.kubectl([
        'apply',
        '-f',
        join(ROOT, 'fixtures', 'istio', 'istio.yaml'),
      ])
      expect(again.code, again.stderr).to.equal(0)
    }
    await lab.kubectl(['create', 'namespace', 'onap'])
    await lab.kubectl(['label', 'namespace', 'onap', 'istio-injection=enabled'])
    await lab.kubectl(['create', 'namespace', 'plain'])
  })
  after(async () => lab.stop())

  it('prints the page’s kubectl get svc -n istio-system listing', async () => {
    const r = await lab.kubectl(['get', 'svc', '-n', 'istio-system', '--no-headers'])
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/))
    const actual = rows.map(([name, type, , ext, ports]) => ({
      name,
      type,
      externalIP: ext,
      ports: ports!.split(','),
    }))
    expect(actual).to.deep.equal(
      expected.services.map((s) => ({
        name: s.name,
        type: s.type,
        externalIP: s.externalIP,
        ports: s.ports,
      }))
    )
  })

  it('runs the control plane: pilot, policy and telemetry 2/2, the rest 1/1, hook jobs Completed', async () => {
    await until('control plane ready', async () => {
      const out = (
        await lab.kubectl(['get', 'deploy', '-n', 'istio-system', '--no-headers'])
      ).stdout
        .trim()
        .split('\n')
      return (
        out.length === expectedPods.deployments.length &&
        out.every((l) => /^\S+\s+(\d+)\/\1\s/.test(l))
      )
    })
    const pods = (await lab.kubectl(['get', 'pods', '-n', 'istio-system', '--no-headers'])).stdout
      .trim()
      .split('\n')
    for (const d of expectedPods.deployments) {
      const row = pods.find((p) => new RegExp(`^${d.name}-[a-z0-9]+-[a-z0-9]{5}\\s`).test(p))
      expect(row, d.name).to.match(new RegExp(`\\s${d.ready}\\s+Running\\s`))
    }
    await until('hook jobs complete', async () => {
      const out = (await lab.kubectl(['get', 'pods', '-n', 'istio-system', '--no-headers'])).stdout
      return expectedPods.jobs.every((j) =>
        new RegExp(`^${j.name}-[a-z0-9]{5}\\s+0/1\\s+Completed`, 'm').test(out)
      )
    })
  })

  it('injects a two-container pod whose template says "true": 3/3 with istio-proxy last', async () => {
    await lab.kubectl(['apply', '-f', lab.file('a.yaml', app('annotated', 'onap', 'true'))])
    expect(await readyOf('onap', 'annotated')).to.equal('3/3')
    expect(await containers('onap', 'annotated')).to.equal('app filebeat-onap istio-proxy')
    const init = await lab.kubectl([
      'get',
      'pods',
      '-n',
      'onap',
      '-l',
      'app=annotated',
      '-o',
      'jsonpath={.items[0].spec.initContainers[*].name}',
    ])
    expect(init.stdout).to.equal('istio-init')
  })

  it('leaves pods without the annotation at 2/2 under policy disabled', async () => {
    await lab.kubectl(['apply', '-f', lab.file('b.yaml', app('bare', 'onap'))])
    expect(await readyOf('onap', 'bare')).to.equal('2/2')
  })

  it('never injects in an unlabelled namespace, whatever the annotation', async () => {
    await lab.kubectl(['apply', '-f', lab.file('c.yaml', app('unlabelled', 'plain', 'true'))])
    expect(await readyOf('plain', 'unlabelled')).to.equal('2/2')
  })

  it('follows an edit of the injector ConfigMap’s policy for the next pod (enabled: 3/3, "false": 2/2)', async () => {
    const cm = await lab.kubectl([
      'get',
      'configmap',
      'istio-sidecar-injector',
      '-n',
      'istio-system',
      '-o',
      'json',
    ])
    const obj = JSON.parse(cm.stdout) as { data: { config: string } }
    expect(obj.data.config).to.match(/^policy: disabled$/m)
    obj.data.config = obj.data.config.replace(/^policy: disabled$/m, 'policy: enabled')
    const r = await lab.kubectl(['replace', '-f', '-'], JSON.stringify(obj))
    expect(r.code, r.stderr).to.equal(0)
    await lab.kubectl(['apply', '-f', lab.file('d.yaml', app('enabled-bare', 'onap'))])
    expect(await readyOf('onap', 'enabled-bare')).to.equal('3/3')
    await lab.kubectl(['apply', '-f', lab.file('e.yaml', app('enabled-false', 'onap', 'false'))])
    expect(await readyOf('onap', 'enabled-false')).to.equal('2/2')
  })

  it('fails pod creation with the webhook error while the injector has no ready pod, and recovers', async () => {
    await lab.kubectl([
      'scale',
      'deployment.apps',
      'istio-sidecar-injector',
      '-n',
      'istio-system',
      '--replicas=0',
    ])
    await until(
      'injector endpoints empty',
      async () =>
        (
          await lab.kubectl([
            'get',
            'endpoints',
            'istio-sidecar-injector',
            '-n',
            'istio-system',
            '-o',
            'jsonpath={.subsets[*].addresses[*].ip}',
          ])
        ).stdout === ''
    )
    await lab.kubectl(['apply', '-f', lab.file('f.yaml', app('blocked', 'onap', 'true'))])
    let events = ''
    await until('FailedCreate event', async () => {
      events = (
        await lab.kubectl([
          'get',
          'events',
          '-n',
          'onap',
          '--field-selector',
          'reason=FailedCreate',
          '-o',
          'jsonpath={.items[*].involvedObject.name} {.items[*].message}',
        ])
      ).stdout
      return events.startsWith('blocked-')
    })
    expect(events).to.contain(
      'Error creating: Internal error occurred: failed calling admission webhook "sidecar-injector.istio.io"'
    )
    expect(events).to.contain('no endpoints available for service "istio-sidecar-injector"')
    expect(await podRow('onap', 'blocked')).to.equal('')
    const rs = await lab.kubectl([
      'get',
      'rs',
      '-n',
      'onap',
      '-l',
      'app=blocked',
      '-o',
      'jsonpath={.items[0].status.conditions[0].type} {.items[0].status.conditions[0].message}',
    ])
    expect(rs.stdout).to.match(
      /^ReplicaFailure .*failed calling admission webhook "sidecar-injector.istio.io"/
    )
    await lab.kubectl([
      'scale',
      'deployment.apps',
      'istio-sidecar-injector',
      '-n',
      'istio-system',
      '--replicas=1',
    ])
    expect(await readyOf('onap', 'blocked')).to.equal('3/3')
  })
})
