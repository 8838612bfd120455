import { expect } from 'chai'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { parse, stringify } from 'yaml'
import type { KubeObject } from '../api/types.js'
import { inject, injectPod } from './inject.js'
import { injectorStateOf, manifestObjects } from './manifest.js'
import { sidecarTemplateVersionHash } from './sidecar-spec.js'

const TESTDATA = new URL('./testdata/', import.meta.url)
const MANIFEST = new URL('../../fixtures/istio/istio.yaml', import.meta.url)
const { config, mesh } = injectorStateOf(manifestObjects(readFileSync(MANIFEST, 'utf8')))

type Container = { name: string; image?: string; args?: string[]; [k: string]: unknown }
type PodSpec = {
  containers: Container[]
  initContainers?: Container[]
  volumes?: { name: string }[]
}
const spec = (pod: KubeObject) => pod['spec'] as PodSpec
const names = (l: { name: string }[] | undefined) => (l ?? []).map((c) => c.name)

/** Returns a golden file's text: the decision as a comment, then the pod as YAML with sorted keys. */
function goldenText(input: string): string {
  const policy = /^# policy: (\S+)/m.exec(input)?.[1] ?? config.policy
  const pod = parse(input) as KubeObject
  const r = injectPod(pod, pod.metadata.namespace ?? 'onap', { ...config, policy }, mesh)
  const header = `# injected: ${r.injected} (${r.reason})\n`
  return header + stringify(r.pod, { sortMapEntries: true, lineWidth: 0 })
}

describe('inject() golden files (testdata/<case>.yaml → <case>.yaml.injected)', () => {
  const cases = readdirSync(TESTDATA).filter((f) => f.endsWith('.yaml'))

  it('has the cases of the brief and no orphan goldens', () => {
    expect(cases).to.include.members([
      'deployment-pod.yaml',
      'pod-with-ports.yaml',
      'annotation-true.yaml',
      'reinject.yaml',
      'host-network.yaml',
    ])
    for (const g of readdirSync(TESTDATA).filter((f) => f.endsWith('.injected'))) {
      expect(cases, `${g} has no input`).to.include(g.replace(/\.injected$/, ''))
    }
  })

  for (const file of cases) {
    it(file, () => {
      const got = goldenText(readFileSync(new URL(file, TESTDATA), 'utf8'))
      const golden = new URL(`${file}.injected`, TESTDATA)
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, got)
      expect(existsSync(golden), `${file}.injected is missing: run with UPDATE_GOLDEN=1`).to.equal(
        true
      )
      expect(
        got,
        `${file}.injected is stale: run with UPDATE_GOLDEN=1 and review the diff`
      ).to.equal(readFileSync(golden, 'utf8'))
    })
  }
})

describe('inject()', () => {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'hello', namespace: 'onap', labels: { app: 'hello' } },
    spec: {
      containers: [
        { name: 'a', image: 'a:1', ports: [{ containerPort: 80 }] },
        { name: 'b', image: 'b:1', ports: [{ containerPort: 90 }] },
      ],
    },
  }

  it('appends istio-init and istio-proxy (last) with the 1.0.0 shape', () => {
    const out = spec(inject(pod, config, mesh))
    expect(names(out.containers)).to.deep.equal(['a', 'b', 'istio-proxy'])
    expect(names(out.initContainers)).to.deep.equal(['istio-init'])
    const init = out.initContainers![0]!
    expect(init.image).to.equal('gcr.io/istio-release/proxy_init:1.0.0')
    expect(init.args).to.deep.equal([
      '-p',
      '15001',
      '-u',
      '1337',
      '-m',
      'REDIRECT',
      '-i',
      '*',
      '-x',
      '',
      '-b',
      '80, 90,',
      '-d',
      '',
    ])
    expect(init['securityContext']).to.deep.equal({
      capabilities: { add: ['NET_ADMIN'] },
      privileged: true,
    })
    expect(init).to.not.have.property('restartPolicy')
    const proxy = out.containers[2]!
    expect(proxy.image).to.equal('gcr.io/istio-release/proxy_debug:1.0.0')
    expect(proxy.args).to.include.ordered.members([
      'proxy',
      'sidecar',
      '--configPath',
      '/etc/istio/proxy',
    ])
    expect(
      proxy.args!.slice(
        proxy.args!.indexOf('--serviceCluster'),
        proxy.args!.indexOf('--serviceCluster') + 2
      )
    ).to.deep.equal(['--serviceCluster', 'hello'])
    expect(proxy.args!.slice(-6)).to.deep.equal([
      '--statsdUdpAddress',
      'istio-statsd-prom-bridge.istio-system:9125',
      '--proxyAdminPort',
      '15000',
      '--controlPlaneAuthPolicy',
      'NONE',
    ])
    expect((proxy['env'] as { name: string }[]).map((e) => e.name)).to.deep.equal([
      'POD_NAME',
      'POD_NAMESPACE',
      'INSTANCE_IP',
      'ISTIO_META_POD_NAME',
      'ISTIO_META_INTERCEPTION_MODE',
    ])
    expect(proxy['resources']).to.deep.equal({ requests: { cpu: '10m' } })
    expect(proxy['securityContext']).to.deep.equal({
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsUser: 1337,
    })
    expect(proxy).to.not.have.any.keys('readinessProbe', 'livenessProbe', 'ports')
    expect(out.volumes).to.deep.equal([
      { emptyDir: { medium: 'Memory' }, name: 'istio-envoy' },
      {
        name: 'istio-certs',
        secret: { optional: true, secretName: 'istio.default', defaultMode: 420 },
      },
    ])
  })

  it('writes the status annotation with the template hash and Go key order', () => {
    const status = inject(pod, config, mesh).metadata.annotations!['sidecar.istio.io/status']
    const version = sidecarTemplateVersionHash(config.template)
    expect(version).to.match(/^[0-9a-f]{64}$/)
    expect(status).to.equal(
      `{"version":"${version}","initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy","istio-certs"],"imagePullSecrets":null}`
    )
  })

  it('is pure and replaces rather than duplicates on re-injection', () => {
    const before = structuredClone(pod)
    const once = inject(pod, config, mesh)
    expect(pod).to.deep.equal(before)
    const twice = inject(once, config, mesh)
    expect(twice).to.deep.equal(once)
    expect(names(spec(twice).containers).filter((n) => n === 'istio-proxy')).to.have.length(1)
  })

  it('reads the template at call time: an edited template gives a new version and image', () => {
    const edited = {
      ...config,
      template: config.template.replace('proxy_debug:1.0.0', 'proxyv2:1.0.0'),
    }
    const out = inject(pod, edited, mesh)
    expect(spec(out).containers.at(-1)!.image).to.equal('gcr.io/istio-release/proxyv2:1.0.0')
    expect(out.metadata.annotations!['sidecar.istio.io/status']).to.contain(
      sidecarTemplateVersionHash(edited.template)
    )
    expect(sidecarTemplateVersionHash(edited.template)).to.not.equal(
      sidecarTemplateVersionHash(config.template)
    )
  })

  it('honours the 1.0 template annotations', () => {
    const annotated = structuredClone(pod)
    annotated.metadata.annotations = {
      'sidecar.istio.io/proxyImage': 'example.org/proxy:dev',
      'sidecar.istio.io/interceptionMode': 'TPROXY',
      'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8',
      'traffic.sidecar.istio.io/includeInboundPorts': '80',
      'sidecar.istio.io/proxyCPU': '100m',
      'sidecar.istio.io/proxyMemory': '128Mi',
    }
    const out = spec(inject(annotated, config, mesh))
    const proxy = out.containers.at(-1)!
    expect(proxy.image).to.equal('example.org/proxy:dev')
    expect(proxy['securityContext']).to.deep.equal({
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { add: ['NET_ADMIN'] },
      runAsGroup: 1337,
    })
    expect(proxy['resources']).to.deep.equal({ requests: { cpu: '100m', memory: '128Mi' } })
    expect(out.initContainers![0]!.args).to.deep.equal([
      '-p',
      '15001',
      '-u',
      '1337',
      '-m',
      'TPROXY',
      '-i',
      '10.0.0.0/8',
      '-x',
      '',
      '-b',
      '80',
      '-d',
      '',
    ])
  })

  it('denies invalid traffic annotations with the injector message', () => {
    const bad = (annotations: Record<string, string>) => () =>
      inject({ ...pod, metadata: { ...pod.metadata, annotations } }, config, mesh)
    expect(bad({ 'sidecar.istio.io/interceptionMode': 'NONE' })).to.throw(
      'injection failed. Invalid value for annotation sidecar.istio.io/interceptionMode: NONE. Error: interceptionMode invalid: NONE'
    )
    expect(bad({ 'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0' })).to.throw(
      "failed parsing cidr '10.0.0.0'"
    )
    expect(bad({ 'traffic.sidecar.istio.io/excludeInboundPorts': '80,http' })).to.throw(
      "failed parsing port 'http'"
    )
    expect(bad({ 'traffic.sidecar.istio.io/includeInboundPorts': '*' })).to.not.throw()
  })

  it('fails on a template that does not render to a SidecarInjectionSpec', () => {
    expect(() => inject(pod, { ...config, template: '[[ nosuch ]]' }, mesh)).to.throw(
      'function "nosuch" not defined'
    )
    expect(() => inject(pod, { ...config, template: 'containers: {a: 1}' }, mesh)).to.throw(
      'containers must be a list'
    )
  })
})
