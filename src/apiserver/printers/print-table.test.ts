import { expect } from 'chai'
import { isStatusError } from '../../api/errors.js'
import type { PrinterColumn } from '../../api/resources/index.js'
import type { KubeObject } from '../../api/types.js'
import { printTable, tableColumnsFor } from './index.js'
import type { IncludeObjectPolicy } from './index.js'

const NOW = new Date('2024-05-01T12:00:00Z')

const ns: KubeObject = {
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: {
    name: 'onap',
    uid: 'u-1',
    resourceVersion: '17',
    creationTimestamp: '2024-05-01T11:59:00Z',
    labels: { 'istio-injection': 'enabled', 'kubernetes.io/metadata.name': 'onap' },
  },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
}

describe('printTable()', () => {
  it('returns a meta.k8s.io/v1 Table with PartialObjectMetadata rows by default', () => {
    const t = printTable({
      resource: 'namespaces',
      group: '',
      objects: [ns],
      now: NOW,
      resourceVersion: '1014',
    })
    expect(t).to.deep.equal({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '1014' },
      columnDefinitions: tableColumnsFor('namespaces', ''),
      rows: [
        {
          cells: ['onap', 'Active', '60s'],
          object: {
            kind: 'PartialObjectMetadata',
            apiVersion: 'meta.k8s.io/v1',
            metadata: ns.metadata,
          },
        },
      ],
    })
    expect(t.columnDefinitions.map((c) => c.name)).to.deep.equal(['Name', 'Status', 'Age'])
  })

  it('embeds the full object, or nothing, as includeObject asks', () => {
    const opts = { resource: 'namespaces', group: '', objects: [ns], now: NOW }
    expect(printTable({ ...opts, includeObject: 'Object' }).rows[0].object).to.equal(ns)
    expect(printTable({ ...opts, includeObject: 'None' }).rows[0]).to.deep.equal({
      cells: ['onap', 'Active', '60s'],
    })
    expect(() => printTable({ ...opts, includeObject: 'All' as IncludeObjectPolicy }))
      .to.throw('unrecognized includeObject value: "All"')
      .that.satisfies((e: unknown) => isStatusError(e, 'BadRequest'))
  })

  it('serves v1beta1, drops headers with noHeaders and carries continue tokens', () => {
    const t = printTable({
      resource: 'namespaces',
      group: '',
      objects: [ns],
      now: NOW,
      apiVersion: 'meta.k8s.io/v1beta1',
      noHeaders: true,
      resourceVersion: '5',
      continueToken: 'eyJ2IjoxfQ',
      remainingItemCount: 3,
    })
    expect(t.apiVersion).to.equal('meta.k8s.io/v1beta1')
    expect(t.columnDefinitions).to.deep.equal([])
    expect(t.metadata).to.deep.equal({
      resourceVersion: '5',
      continue: 'eyJ2IjoxfQ',
      remainingItemCount: 3,
    })
    expect(t.rows[0].object).to.include({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1beta1',
    })
  })

  it('prints an empty list with columns and no rows', () => {
    const t = printTable({ resource: 'pods', group: '', objects: [], now: NOW })
    expect(t.rows).to.deep.equal([])
    expect(t.metadata).to.deep.equal({})
    expect(t.columnDefinitions).to.have.length(9)
  })

  it('adds row conditions for finished pods and can print restarts the modern way', () => {
    const pod: KubeObject = {
      metadata: { name: 'job-pod', creationTimestamp: '2024-05-01T11:00:00Z' },
      spec: { containers: [{ name: 'c' }] },
      status: {
        phase: 'Succeeded',
        containerStatuses: [
          {
            name: 'c',
            restartCount: 1,
            state: { terminated: { exitCode: 0, reason: 'Completed' } },
            lastState: { terminated: { exitCode: 1, finishedAt: '2024-05-01T11:30:00Z' } },
          },
        ],
      },
    }
    const legacy = printTable({ resource: 'pods', group: '', objects: [pod], now: NOW })
    expect(legacy.rows[0].cells.slice(0, 5)).to.deep.equal([
      'job-pod',
      '0/1',
      'Completed',
      1,
      '60m',
    ])
    expect(legacy.rows[0].conditions?.[0]).to.include({ type: 'Completed', reason: 'Succeeded' })
    const modern = printTable({
      resource: 'pods',
      group: '',
      objects: [pod],
      now: NOW,
      restarts: 'countAndAge',
    })
    expect(modern.rows[0].cells[3]).to.equal('1 (30m ago)')
    expect(modern.columnDefinitions[3].type).to.equal('string')
  })

  it('uses the default Name / Created At printer for resources without a printer', () => {
    const role: KubeObject = {
      metadata: { name: 'istio-reader', creationTimestamp: '2024-05-01T10:00:00.5Z' },
    }
    const t = printTable({
      resource: 'clusterroles',
      group: 'rbac.authorization.k8s.io',
      objects: [role],
      now: NOW,
    })
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.format])).to.deep.equal([
      ['Name', 'string', 'name'],
      ['Created At', 'date', ''],
    ])
    expect(t.rows[0].cells).to.deep.equal(['istio-reader', '2024-05-01T10:00:00Z'])
    const crd = printTable({
      resource: 'customresourcedefinitions',
      group: 'apiextensions.k8s.io',
      objects: [{ metadata: {} }],
      now: NOW,
    })
    expect(crd.rows[0].cells).to.deep.equal(['', '0001-01-01T00:00:00Z'])
  })

  it('matches the group: a custom resource named like a built-in gets no built-in printer', () => {
    expect(tableColumnsFor('deployments', 'apps').map((c) => c.name)).to.include('Up-to-date')
    expect(tableColumnsFor('deployments', 'extensions').map((c) => c.name)).to.include('Up-to-date')
    expect(tableColumnsFor('deployments', 'example.com').map((c) => c.name)).to.deep.equal([
      'Name',
      'Created At',
    ])
    expect(tableColumnsFor('pods', 'metrics.k8s.io').map((c) => c.name)).to.deep.equal([
      'Name',
      'Created At',
    ])
    expect(tableColumnsFor('events', 'events.k8s.io')[0].name).to.equal('Last Seen')
  })

  it('returns copies of the column definitions', () => {
    tableColumnsFor('services', '')[0].name = 'Changed'
    expect(tableColumnsFor('services', '')[0].name).to.equal('Name')
  })

  it('puts the name column first with format name for every built-in printer', () => {
    const resources: [string, string][] = [
      ['pods', ''],
      ['services', ''],
      ['nodes', ''],
      ['deployments', 'apps'],
      ['statefulsets', 'apps'],
      ['jobs', 'batch'],
      ['cronjobs', 'batch'],
      ['horizontalpodautoscalers', 'autoscaling'],
      ['mutatingwebhookconfigurations', 'admissionregistration.k8s.io'],
      ['leases', 'coordination.k8s.io'],
      ['ingresses', 'networking.k8s.io'],
    ]
    for (const [resource, group] of resources) {
      expect(tableColumnsFor(resource, group)[0], resource).to.include({
        name: 'Name',
        format: 'name',
        priority: 0,
      })
    }
  })
})

describe('printTable() for custom resources', () => {
  const columns: PrinterColumn[] = [
    { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
    {
      name: 'Replicas',
      type: 'integer',
      jsonPath: '.spec.replicas',
      description: 'Desired replicas',
    },
    { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio', priority: 1 },
    { name: 'Paused', type: 'boolean', jsonPath: '.spec.paused' },
    { name: 'Hosts', type: 'string', jsonPath: '.spec.hosts' },
    { name: 'Started', type: 'date', jsonPath: '.status.startTime' },
    { name: 'Size', type: 'string', format: 'byte', jsonPath: '.spec.size' },
  ]
  const cr: KubeObject = {
    apiVersion: 'example.com/v1',
    kind: 'Widget',
    metadata: { name: 'w1', creationTimestamp: '2024-05-01T11:00:00Z' },
    spec: { replicas: 2.7, ratio: 0.5, paused: false, hosts: ['b&c', 'a'], size: 1234567.5 },
    status: { conditions: [{ type: 'Ready', status: 'True' }], startTime: '2024-05-01T11:58:00Z' },
  }

  it('prints Name and the additionalPrinterColumns with their types', () => {
    const t = printTable({
      resource: 'widgets',
      group: 'example.com',
      objects: [cr],
      now: NOW,
      printerColumns: columns,
    })
    expect(t.columnDefinitions.map((c) => [c.name, c.type, c.format, c.priority])).to.deep.equal([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Replicas', 'integer', '', 0],
      ['Ratio', 'number', '', 1],
      ['Paused', 'boolean', '', 0],
      ['Hosts', 'string', '', 0],
      ['Started', 'date', '', 0],
      ['Size', 'string', 'byte', 0],
    ])
    expect(t.columnDefinitions[1].description).to.equal(
      'Custom resource definition column (in JSONPath format): .status.conditions[?(@.type=="Ready")].status'
    )
    expect(t.columnDefinitions[2].description).to.equal('Desired replicas')
    expect(t.rows[0].cells).to.deep.equal([
      'w1',
      'True',
      2,
      0.5,
      false,
      '["b\\u0026c","a"]',
      '2m',
      '1.2345675e+06',
    ])
  })

  it('prints null for missing or mistyped values and <invalid> for bad dates', () => {
    const bare: KubeObject = {
      metadata: { name: 'w2' },
      spec: { replicas: 'two', paused: 'no', hosts: null },
      status: { startTime: 'soon' },
    }
    const t = printTable({
      resource: 'widgets',
      group: 'example.com',
      objects: [bare],
      now: NOW,
      printerColumns: columns,
    })
    expect(t.rows[0].cells).to.deep.equal([
      'w2',
      null,
      null,
      null,
      null,
      '<no value>',
      '<invalid>',
      null,
    ])
  })

  it('serves an Age column when the CRD declares none', () => {
    const t = printTable({
      resource: 'gateways',
      group: 'networking.istio.io',
      objects: [cr],
      now: NOW,
      printerColumns: [],
    })
    expect(t.columnDefinitions.map((c) => [c.name, c.type])).to.deep.equal([
      ['Name', 'string'],
      ['Age', 'date'],
    ])
    expect(t.rows[0].cells).to.deep.equal(['w1', '60m'])
  })

  it('leaves cells of an unparsable JSONPath empty', () => {
    const bad: PrinterColumn[] = [{ name: 'X', type: 'string', jsonPath: '..spec' }]
    const t = printTable({
      resource: 'widgets',
      group: 'example.com',
      objects: [cr],
      now: NOW,
      printerColumns: bad,
    })
    expect(t.rows[0].cells).to.deep.equal(['w1', null])
  })
})
