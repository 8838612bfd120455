import { expect } from 'chai'
import type { KubeObject } from '../types.js'
import {
  apiServicePrinter,
  componentStatusPrinter,
  configMapPrinter,
  ingressClassPrinter,
  ingressPrinter,
  leasePrinter,
  namespacePrinter,
  networkPolicyPrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  podDisruptionBudgetPrinter,
  type Printer,
  priorityClassPrinter,
  resourceQuotaPrinter,
  roleBindingPrinter,
  secretPrinter,
  serviceAccountPrinter,
  storageClassPrinter,
  webhookConfigurationPrinter,
} from './index.js'
import { printCtx as ctx } from '../../testing/apiserver/index.js'

const meta = { name: 'x', namespace: 'onap', creationTimestamp: '2024-04-30T12:00:00Z' } // 24h ago
const print = (p: Printer, body: Record<string, unknown>, m: object = {}) =>
  p.cells({ ...body, metadata: { ...meta, ...m } } as KubeObject, ctx)
const names = (p: Printer) => p.columns.map((c) => c.name)
const empty = (p: Printer) => p.cells({ metadata: {} }, ctx)

describe('config printers', () => {
  it('prints namespaces, config maps, secrets and service accounts', () => {
    expect(names(namespacePrinter)).to.deep.equal(['Name', 'Status', 'Age'])
    expect(print(namespacePrinter, { status: { phase: 'Active' } })).to.deep.equal([
      'x',
      'Active',
      '24h',
    ])
    expect(
      print(
        namespacePrinter,
        { status: { phase: 'Terminating' } },
        { deletionTimestamp: meta.creationTimestamp }
      )[1]
    ).to.equal('Terminating')
    expect(names(configMapPrinter)).to.deep.equal(['Name', 'Data', 'Age'])
    expect(
      print(configMapPrinter, { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } })
    ).to.deep.equal(['x', 3, '24h'])
    expect(names(secretPrinter)).to.deep.equal(['Name', 'Type', 'Data', 'Age'])
    expect(
      print(secretPrinter, { type: 'helm.sh/release.v1', data: { release: 'SDRz' } })
    ).to.deep.equal(['x', 'helm.sh/release.v1', 1, '24h'])
    expect(names(serviceAccountPrinter)).to.deep.equal(['Name', 'Secrets', 'Age'])
    expect(print(serviceAccountPrinter, { secrets: [{ name: 'x-token-abcde' }] })).to.deep.equal([
      'x',
      1,
      '24h',
    ])
    for (const p of [namespacePrinter, configMapPrinter, serviceAccountPrinter]) {
      expect(empty(p)[0]).to.equal('')
      expect(empty(p).at(-1)).to.equal('<unknown>')
    }
    expect(empty(secretPrinter)).to.deep.equal(['', '', 0, '<unknown>'])
  })

  it('prints webhook configurations, leases and priority classes', () => {
    expect(webhookConfigurationPrinter.columns[1]).to.include({ name: 'Webhooks', type: 'integer' })
    expect(
      print(webhookConfigurationPrinter, { webhooks: [{ name: 'sidecar-injector.istio.io' }] })
    ).to.deep.equal(['x', 1, '24h'])
    expect(names(leasePrinter)).to.deep.equal(['Name', 'Holder', 'Age'])
    expect(print(leasePrinter, { spec: { holderIdentity: 'worker-1' } })).to.deep.equal([
      'x',
      'worker-1',
      '24h',
    ])
    expect(print(priorityClassPrinter, { value: 1000, globalDefault: true })).to.deep.equal([
      'x',
      1000,
      true,
      '24h',
      '',
    ])
  })
})

describe('storage printers', () => {
  it('prints a bound persistent volume and claim', () => {
    const pv = {
      spec: {
        capacity: { storage: '2Gi' },
        accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Retain',
        claimRef: { namespace: 'onap', name: 'data' },
        storageClassName: 'manual',
      },
      status: { phase: 'Bound' },
    }
    expect(print(persistentVolumePrinter, pv)).to.deep.equal([
      'x',
      '2Gi',
      'RWO,RWX',
      'Retain',
      'Bound',
      'onap/data',
      'manual',
      '<unset>',
      '',
      '24h',
      '<unset>',
    ])
    const pvc = {
      spec: { volumeName: 'pv-1', storageClassName: 'manual', volumeMode: 'Filesystem' },
      status: { phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'] },
    }
    expect(
      print(persistentVolumeClaimPrinter, pvc, {
        annotations: { 'volume.beta.kubernetes.io/storage-class': 'beta' },
      })
    ).to.deep.equal(['x', 'Bound', 'pv-1', '2Gi', 'RWO', 'beta', '<unset>', '24h', 'Filesystem'])
  })

  it('hides capacity of unbound claims, prints Terminating, survives empty objects', () => {
    const pvc = {
      spec: { resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Pending' },
    }
    expect(print(persistentVolumeClaimPrinter, pvc).slice(1, 5)).to.deep.equal([
      'Pending',
      '',
      '',
      '',
    ])
    expect(
      print(
        persistentVolumePrinter,
        { status: { phase: 'Bound' } },
        { deletionTimestamp: '2024-05-01T11:00:00Z' }
      )[4]
    ).to.equal('Terminating')
    expect(empty(persistentVolumePrinter).slice(1, 6)).to.deep.equal(['0', '', 'Retain', '', ''])
  })

  it('prints storage classes, marking the default one', () => {
    const sc = { provisioner: 'kubernetes.io/no-provisioner' }
    expect(
      print(storageClassPrinter, sc, {
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      })
    ).to.deep.equal([
      'x (default)',
      'kubernetes.io/no-provisioner',
      'Delete',
      'Immediate',
      false,
      '24h',
    ])
  })
})

describe('network printers', () => {
  it('prints ingresses with hosts, addresses and TLS ports', () => {
    expect(names(ingressPrinter)).to.deep.equal([
      'Name',
      'Class',
      'Hosts',
      'Address',
      'Ports',
      'Age',
    ])
    const ing = {
      spec: {
        ingressClassName: 'nginx',
        rules: [
          { host: 'a.example.com' },
          { host: 'b.example.com' },
          {},
          { host: 'c.example.com' },
          { host: 'd.example.com' },
        ],
        tls: [{ hosts: ['a.example.com'] }],
      },
      status: { loadBalancer: { ingress: [{ ip: '10.0.0.2' }, { ip: '10.0.0.1' }] } },
    }
    expect(print(ingressPrinter, ing)).to.deep.equal([
      'x',
      'nginx',
      'a.example.com,b.example.com,c.example.com + 2 more...',
      '10.0.0.1,10.0.0.2',
      '80, 443',
      '24h',
    ])
    expect(empty(ingressPrinter)).to.deep.equal(['', '<none>', '*', '', '80', '<unknown>'])
  })

  it('prints ingress classes and network policies', () => {
    const ic = {
      spec: {
        controller: 'k8s.io/ingress-nginx',
        parameters: { apiGroup: 'k8s.example.com', kind: 'Params', name: 'p' },
      },
    }
    expect(print(ingressClassPrinter, ic)).to.deep.equal([
      'x',
      'k8s.io/ingress-nginx',
      'Params.k8s.example.com/p',
      '24h',
    ])
    expect(
      print(networkPolicyPrinter, { spec: { podSelector: { matchLabels: { app: 'db' } } } })
    ).to.deep.equal(['x', 'app=db', '24h'])
    expect(print(networkPolicyPrinter, { spec: { podSelector: {} } })[1]).to.equal('<none>')
  })
})

describe('cluster printers', () => {
  it('prints role bindings with wide subjects', () => {
    const rb = {
      roleRef: { kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [
        { kind: 'User', name: 'alice' },
        { kind: 'Group', name: 'system:masters' },
        { kind: 'ServiceAccount', namespace: 'kube-system', name: 'tiller' },
        { kind: 'ServiceAccount', namespace: 'onap', name: 'default' },
      ],
    }
    expect(names(roleBindingPrinter)).to.deep.equal([
      'Name',
      'Role',
      'Age',
      'Users',
      'Groups',
      'ServiceAccounts',
    ])
    expect(print(roleBindingPrinter, rb)).to.deep.equal([
      'x',
      'ClusterRole/cluster-admin',
      '24h',
      'alice',
      'system:masters',
      'kube-system/tiller, onap/default',
    ])
  })

  it('prints API services, PDBs, quotas and component statuses', () => {
    const unavailable = {
      spec: { service: { namespace: 'kube-system', name: 'metrics-server' } },
      status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] },
    }
    expect(print(apiServicePrinter, unavailable)).to.deep.equal([
      'x',
      'kube-system/metrics-server',
      'False (MissingEndpoints)',
      '24h',
    ])
    expect(
      print(apiServicePrinter, {
        status: { conditions: [{ type: 'Available', status: 'True', reason: 'Local' }] },
      })[1]
    ).to.equal('Local')
    expect(empty(apiServicePrinter)[2]).to.equal('Unknown')
    expect(
      print(podDisruptionBudgetPrinter, {
        spec: { minAvailable: 1 },
        status: { podDisruptionsAllowed: 2 },
      })
    ).to.deep.equal(['x', '1', 'N/A', 2, '24h'])
    expect(
      print(podDisruptionBudgetPrinter, {
        spec: { maxUnavailable: '25%' },
        status: { disruptionsAllowed: 0 },
      }).slice(1, 4)
    ).to.deep.equal(['N/A', '25%', 0])
    const rq = {
      status: {
        hard: { pods: '10', 'limits.cpu': '4', 'requests.cpu': '2' },
        used: { pods: '3', 'requests.cpu': '500m' },
      },
    }
    expect(print(resourceQuotaPrinter, rq)).to.deep.equal([
      'x',
      '24h',
      'pods: 3/10, requests.cpu: 500m/2',
      'limits.cpu: 0/4',
    ])
    const cs = { conditions: [{ type: 'Healthy', status: 'True', message: '{"health":"true"}' }] }
    expect(print(componentStatusPrinter, cs)).to.deep.equal([
      'x',
      'Healthy',
      '{"health":"true"}',
      '',
    ])
    expect(empty(componentStatusPrinter)).to.deep.equal(['', 'Unknown', '', ''])
  })
})
