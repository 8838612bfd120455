import { expect } from 'chai'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import type { KubeObject } from '../api/types.js'
import { inject } from './inject.js'
import { parseInjectorConfigMap } from './injector-config.js'
import { injectorStateOf, manifestObjects } from './manifest.js'
import { parseMeshConfigMap } from './mesh-config.js'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')
const objects = manifestObjects(read('../../fixtures/istio/istio.yaml'))
const expectedServices = parse(read('../../fixtures/expected/istio-system-services.yaml')) as {
  services: { name: string; type: string; externalIP: string; ports: string[] }[]
}
const expectedPods = parse(read('../../fixtures/expected/istio-system-pods.yaml')) as {
  deployments: { name: string; ready: string }[]
  jobs: { name: string; status: string }[]
}

type Port = { port: number; nodePort?: number; protocol?: string }
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind)
const spec = <T>(o: KubeObject) => o['spec'] as T

/** Returns a Service as a `kubectl get svc` row: name, TYPE, EXTERNAL-IP (no cloud: pending), PORT(S). */
function serviceRow(svc: KubeObject) {
  const s = spec<{ type?: string; ports: Port[] }>(svc)
  const type = s.type ?? 'ClusterIP'
  const ports = s.ports.map(
    (p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`
  )
  return {
    name: svc.metadata.name!,
    type,
    externalIP: type === 'LoadBalancer' ? '<pending>' : '<none>',
    ports,
  }
}

describe('fixtures/istio/istio.yaml', () => {
  it('is valid YAML of named objects', () => {
    expect(objects.length).to.be.greaterThan(140)
    for (const o of objects)
      expect(o.apiVersion && o.kind && o.metadata?.name, JSON.stringify(o).slice(0, 80)).to.be.a(
        'string'
      )
  })

  it('labels istio-system istio-injection=disabled', () => {
    const ns = ofKind('Namespace').find((n) => n.metadata.name === 'istio-system')!
    expect(ns.metadata.labels).to.deep.equal({ 'istio-injection': 'disabled' })
  })

  it("has exactly the page's 13 Services, with pinned NodePorts", () => {
    const rows = ofKind('Service')
      .filter((s) => s.metadata.namespace === 'istio-system')
      .map(serviceRow)
    expect(rows.sort((a, b) => a.name.localeCompare(b.name))).to.deep.equal(
      expectedServices.services
    )
    expect(rows).to.have.length(13)
    for (const s of ofKind('Service')) {
      const { type, ports } = spec<{ type?: string; ports: Port[] }>(s)
      if (type === 'NodePort' || type === 'LoadBalancer')
        for (const p of ports) expect(p.nodePort, s.metadata.name).to.be.a('number')
    }
  })

  it('would notice a Service that drifts from the page (negative case)', () => {
    const drifted = structuredClone(ofKind('Service').find((s) => s.metadata.name === 'grafana')!)
    spec<{ ports: Port[] }>(drifted).ports[0]!.nodePort = 30301
    expect(serviceRow(drifted)).to.not.deep.equal(
      expectedServices.services.find((s) => s.name === 'grafana')
    )
  })

  it('has the 50 CRDs of 1.0.0 as apiextensions.k8s.io/v1beta1', () => {
    const crds = ofKind('CustomResourceDefinition')
    expect(crds).to.have.length(50)
    const byGroup: Record<string, number> = {}
    for (const c of crds) {
      const s = spec<{ group: string; version: string; names: { plural: string } }>(c)
      expect(c.apiVersion).to.equal('apiextensions.k8s.io/v1beta1')
      expect(c.metadata.name).to.equal(`${s.names.plural}.${s.group}`)
      byGroup[s.group] = (byGroup[s.group] ?? 0) + 1
    }
    expect(byGroup).to.deep.equal({
      'networking.istio.io': 5,
      'authentication.istio.io': 2,
      'config.istio.io': 40,
      'rbac.istio.io': 3,
    })
    const mesh = crds.find((c) => c.metadata.name === 'meshpolicies.authentication.istio.io')!
    expect(spec<{ scope: string }>(mesh).scope).to.equal('Cluster')
  })

  it('defines a CRD for every custom resource it creates', () => {
    const crdKinds = new Set(
      ofKind('CustomResourceDefinition').map((c) => {
        const s = spec<{ group: string; version: string; names: { kind: string } }>(c)
        return `${s.group}/${s.version}/${s.names.kind}`
      })
    )
    const custom = objects.filter((o) => /\.istio\.io\//.test(o.apiVersion!))
    expect(custom.length).to.be.greaterThan(20)
    for (const o of custom)
      expect(crdKinds, `${o.apiVersion} ${o.kind}`).to.include(`${o.apiVersion}/${o.kind}`)
  })

  it('has the 13 Deployments with the READY counts of the expected pods', () => {
    const deployments = ofKind('Deployment')
    expect(deployments.map((d) => d.metadata.name).sort()).to.deep.equal(
      expectedPods.deployments.map((d) => d.name).sort()
    )
    for (const d of deployments) {
      type Tpl = {
        replicas: number
        template: { metadata: KubeObject['metadata']; spec: { containers: unknown[] } }
      }
      const s = spec<Tpl>(d)
      expect(d.apiVersion).to.equal('extensions/v1beta1')
      expect(s.replicas).to.equal(1)
      expect(s.template.metadata.annotations!['sidecar.istio.io/inject']).to.equal('false')
      const n = s.template.spec.containers.length
      expect(`${n}/${n}`, d.metadata.name).to.equal(
        expectedPods.deployments.find((e) => e.name === d.metadata.name)!.ready
      )
    }
  })

  it('has the hook Jobs, RBAC v1 and the v2beta1 autoscalers', () => {
    expect(
      ofKind('Job')
        .map((j) => j.metadata.name)
        .sort()
    ).to.deep.equal(expectedPods.jobs.map((j) => j.name).sort())
    expect(expectedPods.jobs.every((j) => j.status === 'Completed')).to.equal(true)
    for (const r of [...ofKind('ClusterRole'), ...ofKind('ClusterRoleBinding')])
      expect(r.apiVersion).to.equal('rbac.authorization.k8s.io/v1')
    const hpas = ofKind('HorizontalPodAutoscaler')
    expect(hpas.map((h) => h.apiVersion)).to.deep.equal(Array(5).fill('autoscaling/v2beta1'))
  })

  it('registers the sidecar injector webhook as 1.0.0 does', () => {
    const [mwc, ...others] = ofKind('MutatingWebhookConfiguration')
    expect(others).to.have.length(0)
    expect(mwc!.apiVersion).to.equal('admissionregistration.k8s.io/v1beta1')
    expect(mwc!.metadata.name).to.equal('istio-sidecar-injector')
    expect(mwc!['webhooks']).to.deep.equal([
      {
        name: 'sidecar-injector.istio.io',
        clientConfig: {
          service: { name: 'istio-sidecar-injector', namespace: 'istio-system', path: '/inject' },
          caBundle: '',
        },
        rules: [
          { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] },
        ],
        failurePolicy: 'Fail',
        namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } },
      },
    ])
  })

  it('holds an injector ConfigMap (policy disabled) and a mesh config that parse', () => {
    const cm = (name: string) =>
      ofKind('ConfigMap').find((c) => c.metadata.name === name)!['data'] as Record<string, string>
    expect(parseInjectorConfigMap(cm('istio-sidecar-injector')).policy).to.equal('disabled')
    const mesh = parseMeshConfigMap(cm('istio'))
    expect(mesh.defaultConfig.discoveryAddress).to.equal('istio-pilot.istio-system:15007')
    expect(mesh.defaultConfig.controlPlaneAuthPolicy).to.equal('NONE')
  })

  it('injects a sample pod with istio-proxy last using its template', () => {
    const { config, mesh } = injectorStateOf(objects)
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'sample',
        namespace: 'onap',
        annotations: { 'sidecar.istio.io/inject': 'true' },
      },
      spec: {
        containers: [
          { name: 'one', image: 'one' },
          { name: 'two', image: 'two' },
        ],
      },
    }
    const out = spec<{ containers: { name: string }[]; initContainers: { name: string }[] }>(
      inject(pod, config, mesh)
    )
    expect(out.containers.map((c) => c.name)).to.deep.equal(['one', 'two', 'istio-proxy'])
    expect(out.initContainers.map((c) => c.name)).to.deep.equal(['istio-init'])
  })
})
