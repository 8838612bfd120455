import { expect } from 'chai'
import type { StartedSimCluster } from '../../backends/sim/index.js'
import { mergeBy, rootMeta } from '../patch/patch-meta.js'
import { column, namedPrinter, str } from '../printers/index.js'
import { OBJECT_META_FIELDS, pathField } from '../selectors/index.js'
import { list as listAt } from '../printers/index.js'
import {
  MERGE,
  STRATEGIC,
  TABLE_ACCEPT,
  handlerCalls,
  startTestCluster,
  type Obj,
} from '../../testing/apiserver/index.js'
import type { ResourceRecord } from './index.js'

// Two records that exist only in this test: the API serves each from its record alone, with
// the record's printer, patch metadata and selectable fields, and the generic ones without.

/** Returns a namespaced lab.example.com/v1 record with nothing else of its own. */
const labRecord = (kind: string, resource: string): ResourceRecord => ({
  group: 'lab.example.com',
  kind,
  resource,
  namespaced: true,
  served: [['v1', 0, 99]],
})

const gadgets: ResourceRecord = {
  ...labRecord('Gadget', 'gadgets'),
  printer: namedPrinter({
    columns: [
      column('Color', 'string', 'The color of the gadget.'),
      column('Parts', 'integer', 'Number of parts.'),
    ],
    cells: (g) => [str(g, 'spec', 'color'), listAt(g, 'spec', 'parts').length],
  }),
  patchMeta: rootMeta({ spec: { fields: { parts: mergeBy('name') } } }),
  fields: [...OBJECT_META_FIELDS, pathField('spec.color')],
}

// The same shape with nothing of its own: default printer, untagged lists, generic fields.
const widgets = labRecord('Widget', 'widgets')

describe('resource records served by the API', function () {
  this.timeout(30_000)
  let cluster: StartedSimCluster | undefined
  const NS = 'records'

  const { call } = handlerCalls(() => cluster, 'record-served-test/1.0')

  const path = (resource: string, name = '') =>
    `/apis/lab.example.com/v1/namespaces/${NS}/${resource}${name ? `/${name}` : ''}`

  async function create(resource: string, kind: string, name: string, spec: Obj): Promise<void> {
    const a = await call('POST', path(resource), {
      body: { apiVersion: 'lab.example.com/v1', kind, metadata: { name }, spec },
    })
    expect(a.status, JSON.stringify(a.body)).to.equal(201)
  }

  before(async () => {
    cluster = await startTestCluster()
    cluster.api.catalog.addRecords([gadgets, widgets])
    expect(
      (await call('POST', '/api/v1/namespaces', { body: { metadata: { name: NS } } })).status
    ).to.equal(201)
    const parts = [
      { name: 'a', size: 1 },
      { name: 'b', size: 2 },
    ]
    await create('gadgets', 'Gadget', 'g1', { color: 'red', parts })
    await create('gadgets', 'Gadget', 'g2', { color: 'blue', parts: [] })
    await create('widgets', 'Widget', 'w1', { color: 'red', parts })
  })
  after(() => cluster?.stop())

  describe('a record defined only in a test', () => {
    it('refuses a record whose group/version/resource is served already', () => {
      expect(() => cluster!.api.catalog.addRecords([gadgets])).to.throw(
        'failed to add the resource record gadgets.lab.example.com: lab.example.com/v1 serves gadgets already'
      )
    })

    it("prints the record's Table columns for kubectl get", async () => {
      const t = await call('GET', path('gadgets'), { headers: { accept: TABLE_ACCEPT } })
      expect(t.status).to.equal(200)
      const cols = t.body.columnDefinitions as { name: string; type: string }[]
      expect(cols.map((c) => [c.name, c.type])).to.deep.equal([
        ['Name', 'string'],
        ['Color', 'string'],
        ['Parts', 'integer'],
        ['Age', 'string'],
      ])
      const rows = t.body.rows as { cells: unknown[] }[]
      expect(rows.map((r) => r.cells.slice(0, 3))).to.deep.equal([
        ['g1', 'red', 2],
        ['g2', 'blue', 0],
      ])
    })

    it('prints Name and Created At for a record without a printer (negative)', async () => {
      const t = await call('GET', path('widgets'), { headers: { accept: TABLE_ACCEPT } })
      const cols = t.body.columnDefinitions as { name: string }[]
      expect(cols.map((c) => c.name)).to.deep.equal(['Name', 'Created At'])
    })

    it("merges a strategic merge patch by the record's merge key", async () => {
      const a = await call('PATCH', path('gadgets', 'g1'), {
        headers: { 'content-type': STRATEGIC },
        body: { spec: { parts: [{ name: 'b', size: 3 }] } },
      })
      expect(a.status, JSON.stringify(a.body)).to.equal(200)
      expect((a.body.spec as Obj).parts).to.deep.equal([
        { name: 'a', size: 1 },
        { name: 'b', size: 3 },
      ])
    })

    it('replaces the list where the record has no merge key, or the patch is a merge patch (negative)', async () => {
      const untagged = await call('PATCH', path('widgets', 'w1'), {
        headers: { 'content-type': STRATEGIC },
        body: { spec: { parts: [{ name: 'b', size: 3 }] } },
      })
      expect(untagged.status, JSON.stringify(untagged.body)).to.equal(200)
      expect((untagged.body.spec as Obj).parts).to.deep.equal([{ name: 'b', size: 3 }])
      const merge = await call('PATCH', path('gadgets', 'g2'), {
        headers: { 'content-type': MERGE },
        body: { spec: { parts: [{ name: 'c', size: 1 }] } },
      })
      expect((merge.body.spec as Obj).parts).to.deep.equal([{ name: 'c', size: 1 }])
    })

    it("filters a list by the record's selectable fields", async () => {
      const red = await call('GET', path('gadgets'), { query: { fieldSelector: 'spec.color=red' } })
      expect(red.status, JSON.stringify(red.body)).to.equal(200)
      expect((red.body.items as Obj[]).map((o) => (o.metadata as Obj).name)).to.deep.equal(['g1'])
      const notRed = await call('GET', path('gadgets'), {
        query: { fieldSelector: 'spec.color!=red,metadata.name=g2' },
      })
      expect((notRed.body.items as Obj[]).map((o) => (o.metadata as Obj).name)).to.deep.equal([
        'g2',
      ])
    })

    it('refuses a field the record does not list, and any field but metadata on a record without fields (negative)', async () => {
      const size = await call('GET', path('gadgets'), { query: { fieldSelector: 'spec.size=1' } })
      expect(size.status).to.equal(400)
      expect(size.body.message).to.contain('spec.size')
      const widget = await call('GET', path('widgets'), {
        query: { fieldSelector: 'spec.color=red' },
      })
      expect(widget.status).to.equal(400)
      expect(widget.body.message).to.contain('spec.color')
      const byName = await call('GET', path('widgets'), {
        query: { fieldSelector: 'metadata.name=w1' },
      })
      expect((byName.body.items as Obj[]).length).to.equal(1)
    })
  })

  describe('InitializerConfiguration, a 1.11 resource added as one record file', () => {
    const IC = '/apis/admissionregistration.k8s.io/v1alpha1/initializerconfigurations'
    const config = (name: string, initializers: Obj[]) => ({
      apiVersion: 'admissionregistration.k8s.io/v1alpha1',
      kind: 'InitializerConfiguration',
      metadata: { name },
      initializers,
    })
    const rule = { apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }

    it('is not served until admissionregistration.k8s.io/v1alpha1 is enabled (alpha)', async () => {
      expect((await call('GET', IC)).status).to.equal(404)
      const group = await call('GET', '/apis/admissionregistration.k8s.io')
      const versions = (group.body.versions as { version: string }[]).map((v) => v.version)
      expect(versions).to.not.include('v1alpha1')
      expect(cluster!.api.catalog.enable('admissionregistration.k8s.io/v1alpha1')).to.equal(true)
      const list = await call('GET', '/apis/admissionregistration.k8s.io/v1alpha1')
      const served = (
        list.body.resources as { name: string; namespaced: boolean; kind: string }[]
      ).filter((r) => r.name === 'initializerconfigurations')
      expect(served).to.deep.equal([
        {
          ...served[0],
          name: 'initializerconfigurations',
          namespaced: false,
          kind: 'InitializerConfiguration',
        },
      ])
    })

    it('creates one, prints it as 1.11 does (Name, Created At) and merges initializers by name', async () => {
      const created = await call('POST', IC, {
        body: config('podimage', [
          { name: 'podimage.initializer.example.com', rules: [rule] },
          { name: 'envs.initializer.example.com', rules: [rule] },
        ]),
      })
      expect(created.status, JSON.stringify(created.body)).to.equal(201)
      const t = await call('GET', IC, { headers: { accept: TABLE_ACCEPT } })
      const cols = t.body.columnDefinitions as { name: string }[]
      expect(cols.map((c) => c.name)).to.deep.equal(['Name', 'Created At'])
      expect((t.body.rows as { cells: unknown[] }[])[0]!.cells[0]).to.equal('podimage')
      const patched = await call('PATCH', `${IC}/podimage`, {
        headers: { 'content-type': STRATEGIC },
        body: { initializers: [{ name: 'envs.initializer.example.com', rules: [] }] },
      })
      expect(patched.status, JSON.stringify(patched.body)).to.equal(200)
      const names = (patched.body.initializers as Obj[]).map((i) => [
        i.name,
        (i.rules as unknown[]).length,
      ])
      expect(names).to.deep.equal([
        ['podimage.initializer.example.com', 1],
        ['envs.initializer.example.com', 0],
      ])
    })

    it('refuses an initializer name that is not fully qualified, and a rule without resources (negative)', async () => {
      const bad = await call('POST', IC, {
        body: config('bad', [
          { name: 'podimage.example', rules: [rule] },
          { name: 'ok.initializer.example.com', rules: [{ apiGroups: [''], apiVersions: ['v1'] }] },
        ]),
      })
      expect(bad.status).to.equal(422)
      expect(bad.body.message).to.equal(
        'InitializerConfiguration.admissionregistration.k8s.io "bad" is invalid: [initializers[0].name: Invalid value: "podimage.example": should be a domain with at least three segments separated by dots, initializers[1].rules[0].resources: Required value]'
      )
    })
  })
})
