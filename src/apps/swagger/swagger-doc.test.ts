import { expect } from 'chai'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { swaggerDocument } from './swagger-doc.js'
import { loadSwaggerModel, parseSwaggerModel } from './swagger-model.js'

type Doc = {
  swagger: string
  info: { title: string; version: string }
  basePath: string
  paths: Record<
    string,
    Record<string, { responses: Record<string, { schema?: { $ref: string } }> }>
  >
  definitions: Record<string, unknown>
}

describe('swaggerDocument()', () => {
  const doc = swaggerDocument(loadSwaggerModel('multivim'), '/api/multicloud/v0/') as unknown as Doc

  it("generates multicloud's swagger 2.0 document: title, base path, the framework's 21 paths", () => {
    expect(doc.swagger).to.equal('2.0')
    expect(doc.info).to.deep.equal({ version: '1.0.0', title: 'MultiVIM Service rest API' })
    expect(doc.basePath).to.equal('/api/multicloud/v0/')
    expect(Object.keys(doc.paths)).to.have.length(21)
    expect(Object.keys(doc.definitions)).to.have.length(39)
    expect(doc.definitions).to.include.keys(
      'CreateVimFlavor',
      'VimFlavorsInfo',
      'VimFlavorInfo',
      'OperateVimServer'
    )
    expect(Object.keys(doc.paths)).to.include.members([
      '/{vimid}/tenants',
      '/{vimid}/identity/v3/auth/tokens',
      '/{vimid}/{tenantid}/flavors',
      '/{vimid}/{tenantid}/ports/{portid}',
      '/{vimid}/{tenantid}/servers/{serverid}/action',
      '/{vimid}/{tenantid}/hosts/{hostname}',
      '/{vimid}/{tenantid}/limits',
    ])
    expect(Object.keys(doc.paths['/{vimid}/{tenantid}/servers'] ?? {})).to.deep.equal([
      'get',
      'post',
    ])
    expect(Object.keys(doc.paths['/{vimid}/{tenantid}/servers/{serverid}'] ?? {})).to.deep.equal([
      'get',
      'delete',
    ])
  })

  it('defines every schema a path refers to', () => {
    const refs = Object.values(doc.paths).flatMap((ops) =>
      Object.values(ops).flatMap((op) =>
        Object.values(op.responses).flatMap((r) => (r.schema ? [r.schema.$ref] : []))
      )
    )
    for (const ref of refs)
      expect(doc.definitions).to.have.property(ref.replace('#/definitions/', ''))
  })

  it('fills the model variables into the title and tag', () => {
    const vfc = swaggerDocument(loadSwaggerModel('vfc'), '/api/catalog/v1', {
      serviceName: 'catalog',
    }) as unknown as Doc
    expect(vfc.info.title).to.equal('catalog API')
    expect(vfc.basePath).to.equal('/api/catalog/v1')
  })
})

describe('parseSwaggerModel()', () => {
  it('names the file and every bad field', () => {
    const text = `kind: SwaggerModel
title: t
version: 1
tag: x
scope: ''
collections:
  - {name: A, path: as, create: {n: text}, info: {}}
operations:
  - {path: nope, method: patch, params: [], response: R}
definitions: {}
`
    expect(() => parseSwaggerModel(text, 'm.yaml')).to.throw(
      'm.yaml: invalid swagger model:\n' +
        '  version: must be a string\n' +
        '  collections[0].id: must be a string\n' +
        '  collections[0].create.n: must be a JSON type or [Definition]\n' +
        '  operations[0].path: must start with /\n' +
        '  operations[0].method: must be get, post, put or delete'
    )
  })

  it('refuses a model whose paths refer to a definition it lacks', () => {
    const text = `kind: SwaggerModel
title: t
version: '1'
tag: x
scope: ''
collections: []
operations:
  - {path: /x, method: get, params: [], response: Missing}
definitions: {}
`
    expect(() => swaggerDocument(parseSwaggerModel(text, 'm.yaml'), '/')).to.throw(
      'swagger model refers to undefined definitions: Missing'
    )
  })
})

describe('loadSwaggerModel()', () => {
  let dir = ''
  const model = (title: string) =>
    `kind: SwaggerModel\ntitle: ${title}\nversion: '1'\ntag: x\nscope: ''\ncollections: []\noperations: []\ndefinitions: {}\n`
  beforeEach(() => {
    dir = `${mkdtempSync(join(tmpdir(), 'swagger-model-'))}/`
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('parses a file again when its text changed, and gives each caller its own model', () => {
    writeFileSync(`${dir}m.yaml`, model('one'))
    const a = loadSwaggerModel('m', dir)
    a.title = 'changed by a caller'
    expect(loadSwaggerModel('m', dir).title).to.equal('one')
    writeFileSync(`${dir}m.yaml`, model('two'))
    expect(loadSwaggerModel('m', dir).title).to.equal('two')
    writeFileSync(`${dir}m.yaml`, model('[broken'))
    expect(() => loadSwaggerModel('m', dir)).to.throw(`${dir}m.yaml:3: Flow sequence`)
  })
})
