import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import { parseAllDocuments } from 'yaml'
import type { KubeObject } from '../../api/types.js'
import { endpointsTargets, nodeTargets, podTargets, type ClusterObjects } from './kube-discovery.js'
import { fallbackConfig, istioJobs, labConfig, parseChartConfig } from './scrape-config.js'

// The chart's ConfigMap as the lab installs it (Istio 1.0.0's charts/prometheus).
const chartText = (() => {
  const docs = parseAllDocuments(
    readFileSync(new URL('../../../fixtures/istio/istio.yaml', import.meta.url), 'utf8')
  ).map((d) => d.toJS() as KubeObject & { data?: Record<string, string> })
  const cm = docs.find((d) => d?.kind === 'ConfigMap' && d.metadata?.name === 'prometheus')
  return cm?.data?.['prometheus.yml'] ?? ''
})()

const at = {
  sdDir: '/p/sd',
  serviceAccountDir: '/p/sa',
  apiServer: '127.0.0.1:6443',
  bridge: '127.0.0.1:9999',
}

type Job = {
  job_name: string
  file_sd_configs?: { files: string[] }[]
  kubernetes_sd_configs?: unknown
  tls_config?: { ca_file?: string }
  bearer_token_file?: string
  relabel_configs: { target_label?: string; replacement?: string }[]
}

describe('the chart’s scrape configuration resolved to the lab', () => {
  it('keeps every job of the chart, each discovering through its own file_sd file', () => {
    const { text, jobs } = labConfig(parseChartConfig(chartText, 'istio.yaml'), at)
    const cfg = JSON.parse(text) as { scrape_configs: Job[]; global: unknown }
    expect(cfg.scrape_configs.map((j) => j.job_name)).to.deep.equal([
      'istio-mesh',
      'envoy',
      'istio-policy',
      'istio-telemetry',
      'pilot',
      'galley',
      'kubernetes-apiservers',
      'kubernetes-nodes',
      'kubernetes-cadvisor',
      'kubernetes-service-endpoints',
      'kubernetes-pods',
    ])
    expect(jobs.map((j) => `${j.job}:${j.role}:${j.namespaces.join(',')}`)).to.include.members([
      'istio-mesh:endpoints:istio-system',
      'kubernetes-apiservers:endpoints:default',
      'kubernetes-cadvisor:node:',
      'kubernetes-pods:pod:',
    ])
    const cadvisor = cfg.scrape_configs.find((j) => j.job_name === 'kubernetes-cadvisor')!
    expect(cadvisor.kubernetes_sd_configs).to.equal(undefined)
    expect(cadvisor.file_sd_configs?.[0]?.files).to.deep.equal(['/p/sd/kubernetes-cadvisor.json'])
    expect(cadvisor.tls_config?.ca_file).to.equal('/p/sa/ca.crt')
    expect(cadvisor.bearer_token_file).to.equal('/p/sa/token')
    // The chart's rules first (address → kubernetes.default.svc:443), then the lab's.
    const targets = cadvisor.relabel_configs.map((r) => `${r.target_label}=${r.replacement}`)
    expect(targets.indexOf('__address__=kubernetes.default.svc:443')).to.be.lessThan(
      targets.indexOf('__address__=127.0.0.1:6443')
    )
    expect(targets.at(-1)).to.equal('__address__=127.0.0.1:9999')
  })

  it('falls back to the Istio jobs when the ConfigMap is missing', () => {
    const { jobs } = labConfig(fallbackConfig(), at)
    expect(jobs.map((j) => j.job)).to.deep.equal(istioJobs.map((j) => j.name))
  })

  it('names the problem in a bad configuration', () => {
    expect(() => parseChartConfig('scrape_configs: [', 'cm x')).to.throw(/failed to parse cm x/)
    expect(() => parseChartConfig('global: {}', 'cm x')).to.throw(/cm x: no scrape_configs list/)
    expect(() => parseChartConfig('scrape_configs: [{scrape_interval: 5s}]', 'cm x')).to.throw(
      /cm x: scrape_configs\[0\]\.job_name is missing/
    )
  })
})

const objs: ClusterObjects = {
  nodes: [
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1', labels: { 'kubernetes.io/hostname': 'n1' } },
      status: {
        addresses: [{ type: 'InternalIP', address: '127.0.13.104' }],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      },
    },
  ],
  services: [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default' },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9153' },
      },
    },
  ],
  endpoints: [
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kube-dns', namespace: 'kube-system' },
      subsets: [
        {
          addresses: [
            {
              ip: '192.168.0.2',
              targetRef: { kind: 'Pod', name: 'dns-1', namespace: 'kube-system' },
            },
          ],
          ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
        },
      ],
    } as KubeObject,
  ],
  pods: [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'dns-1', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        containers: [{ name: 'coredns', ports: [{ name: 'metrics', containerPort: 9153 }] }],
      },
      status: { podIP: '192.168.0.2', phase: 'Running' },
    },
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bare', namespace: 'onap' },
      spec: { containers: [{ name: 'c' }] },
      status: { podIP: '192.168.1.9' },
    },
  ],
}

describe('Kubernetes service discovery from the lab’s objects', () => {
  it('role node: the kubelet address, the node name as instance, labels to map', () => {
    expect(nodeTargets(objs)).to.deep.equal([
      {
        targets: ['127.0.13.104:10250'],
        labels: {
          instance: 'n1',
          __meta_kubernetes_node_name: 'n1',
          __meta_kubernetes_node_label_kubernetes_io_hostname: 'n1',
          __meta_kubernetes_node_labelpresent_kubernetes_io_hostname: 'true',
          __meta_kubernetes_node_address_InternalIP: '127.0.13.104',
        },
      },
    ])
  })

  it('role endpoints: service annotations and the backing pod; the API server when unlisted', () => {
    const all = endpointsTargets(objs, [], '127.0.0.1:6443')
    const dns = all.find((g) => g.labels.__meta_kubernetes_endpoints_name === 'kube-dns')
    expect(dns?.targets).to.deep.equal(['192.168.0.2:53'])
    expect(dns?.labels).to.deep.include({
      __meta_kubernetes_service_annotation_prometheus_io_scrape: 'true',
      __meta_kubernetes_endpoint_port_name: 'dns',
      __meta_kubernetes_pod_name: 'dns-1',
      __meta_kubernetes_pod_label_k8s_app: 'kube-dns',
    })
    const api = all.find((g) => g.labels.__meta_kubernetes_service_name === 'kubernetes')
    expect(api?.targets).to.deep.equal(['127.0.0.1:6443'])
    expect(api?.labels.__meta_kubernetes_endpoint_port_name).to.equal('https')
    expect(endpointsTargets(objs, ['istio-system'], '127.0.0.1:6443')).to.deep.equal([])
    expect(endpointsTargets(objs, []).some((g) => g.targets[0] === '127.0.0.1:6443')).to.equal(
      false
    )
  })

  it('role pod: one target per container port, a bare IP for a pod without ports', () => {
    const groups = podTargets(objs, [])
    expect(groups.map((g) => g.targets[0])).to.deep.equal(['192.168.0.2:9153', '192.168.1.9'])
    expect(groups[0]?.labels.__meta_kubernetes_pod_container_port_name).to.equal('metrics')
    expect(podTargets(objs, ['onap']).map((g) => g.targets[0])).to.deep.equal(['192.168.1.9'])
  })
})
