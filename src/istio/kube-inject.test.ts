import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../api/types.js'
import { kubeInject, kubeInjectYaml } from './kube-inject.js'
import { injectorStateOf, manifestObjects } from './manifest.js'

const MANIFEST = new URL('../../fixtures/istio/istio.yaml', import.meta.url)
const { config, mesh } = injectorStateOf(manifestObjects(readFileSync(MANIFEST, 'utf8')))
const podSpec = () => ({
  containers: [{ name: 'app', image: 'app:1', ports: [{ containerPort: 8080 }] }],
})
const template = (annotations?: Record<string, string>) => ({
  metadata: { labels: { app: 'web' }, ...(annotations ? { annotations } : {}) },
  spec: podSpec(),
})
type Spec = { containers: { name: string }[]; initContainers?: { name: string }[] }
const containersOf = (spec: unknown) => (spec as Spec).containers.map((c) => c.name)

describe('kubeInject()', () => {
  it('injects the pod template of each workload kind, status on the template', () => {
    const docs: KubeObject[] = [
      {
        apiVersion: 'extensions/v1beta1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: { template: template() },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 's' },
        spec: { template: template() },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'ds' },
        spec: { template: template() },
      },
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: { name: 'rs' },
        spec: { template: template() },
      },
      {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name: 'j' },
        spec: { template: template() },
      },
      {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'p', labels: { app: 'web' } },
        spec: podSpec(),
      },
    ]
    const { objects, warnings } = kubeInject(docs, config, mesh)
    expect(warnings).to.deep.equal([])
    for (const o of objects.slice(0, 5)) {
      const t = (o['spec'] as { template: { metadata: KubeObject['metadata']; spec: Spec } })
        .template
      expect(containersOf(t.spec), o.kind).to.deep.equal(['app', 'istio-proxy'])
      expect(t.metadata.annotations!['sidecar.istio.io/status']).to.contain(
        '"containers":["istio-proxy"]'
      )
    }
    expect(containersOf(objects[5]!['spec'])).to.deep.equal(['app', 'istio-proxy'])
    expect(objects[5]!.metadata.annotations!['sidecar.istio.io/status']).to.match(
      /^\{"version":"[0-9a-f]{64}"/
    )
  })

  it('ignores the policy and the inject annotation ("false" is still injected)', () => {
    const deploy: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: template({ 'sidecar.istio.io/inject': 'false' }) },
    }
    const out = kubeInject([deploy], { ...config, policy: 'disabled' }, mesh).objects[0]!
    expect(
      containersOf((out['spec'] as { template: { spec: unknown } }).template.spec)
    ).to.deep.equal(['app', 'istio-proxy'])
  })

  it('skips hostNetwork with the istioctl message, and passes unknown kinds through', () => {
    const host: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { metadata: { name: 'tpl' }, spec: { ...podSpec(), hostNetwork: true } } },
    }
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc' },
      spec: { ports: [{ port: 80 }] },
    }
    const cron: KubeObject = {
      apiVersion: 'batch/v1beta1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: {},
    }
    const { objects, warnings } = kubeInject([host, svc, cron], config, mesh)
    expect(warnings).to.deep.equal(['Skipping injection because "tpl" has host networking enabled'])
    expect(objects).to.deep.equal([host, svc, cron])
  })

  it('is not idempotent, as 1.0.0 documents', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: podSpec(),
    }
    const once = kubeInject([pod], config, mesh).objects
    const twice = kubeInject(once, config, mesh).objects[0]!
    expect(containersOf(twice['spec'])).to.deep.equal(['app', 'istio-proxy', 'istio-proxy'])
  })

  it('injects List items and batch/v2alpha1 CronJobs (status on the job template metadata)', () => {
    const list: KubeObject = {
      apiVersion: 'v1',
      kind: 'List',
      metadata: {},
      items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: podSpec() }],
    }
    const cron: KubeObject = {
      apiVersion: 'batch/v2alpha1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { jobTemplate: { spec: { template: template() } } },
    }
    const [outList, outCron] = kubeInject([list, cron], config, mesh).objects
    expect(containersOf((outList!['items'] as KubeObject[])[0]!['spec'])).to.deep.equal([
      'app',
      'istio-proxy',
    ])
    const jt = (
      outCron!['spec'] as {
        jobTemplate: { metadata: KubeObject['metadata']; spec: { template: { spec: unknown } } }
      }
    ).jobTemplate
    expect(containersOf(jt.spec.template.spec)).to.deep.equal(['app', 'istio-proxy'])
    expect(jt.metadata.annotations).to.have.property('sidecar.istio.io/status')
  })

  it('kubeInjectYaml() writes each document followed by ---', () => {
    const { output } = kubeInjectYaml(
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: a}]\n',
      config,
      mesh
    )
    expect(output.endsWith('---\n')).to.equal(true)
    const docs = parseAllDocuments(output)
      .map((d) => d.toJS() as KubeObject | null)
      .filter(Boolean)
    expect(docs.map((d) => d!.kind)).to.deep.equal(['Service', 'Pod'])
    expect(() => kubeInjectYaml('a: [', config, mesh)).to.throw('failed to read YAML')
  })
})
