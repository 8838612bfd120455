import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import type { Pod } from '../core-types.js'
import type { JsonObject, KubeObject } from '../types.js'
import {
  API_TYPES_FILES,
  buildTypeModel,
  changedTypes,
  generateApiTypes,
  MAPPED_DEFINITIONS,
  readReleaseDefinitions,
  readTypeDescriptions,
  schemaType,
  type ReleaseDefinitions,
} from './index.js'

const CORE = 'io.k8s.api.core.v1'

function withField(
  releases: readonly ReleaseDefinitions[],
  definition: string,
  field: string,
  schema: JsonObject
): ReleaseDefinitions[] {
  return releases.map((r) => {
    const def = r.definitions[definition]!
    const properties = { ...(def['properties'] as JsonObject), [field]: schema }
    return { ...r, definitions: { ...r.definitions, [definition]: { ...def, properties } } }
  })
}

describe('generateApiTypes()', () => {
  const releases = readReleaseDefinitions()
  const descriptions = readTypeDescriptions()
  const fresh = generateApiTypes({ releases, descriptions })

  it('matches the committed src/api/core-types.ts (else run `npx tsx scripts/gen-api-types.ts`)', () => {
    const committed = readFileSync(API_TYPES_FILES.output, 'utf8')
    expect(changedTypes(committed, fresh), 'stale types').to.deep.equal([])
    expect(committed).to.equal(fresh)
  })

  it('names the type a changed schema changes, and only that one', () => {
    const changed = withField(releases, `${CORE}.ContainerPort`, 'appProtocol', {
      type: 'string',
    })
    const text = generateApiTypes({ releases: changed, descriptions })
    expect(changedTypes(fresh, text)).to.deep.equal(['ContainerPort'])
    expect(text).to.match(/export interface ContainerPort \{[^}]*appProtocol\?: string/)
  })

  it('names a type a schema no longer references', () => {
    const cut = releases.map((r) => {
      const spec = r.definitions[`${CORE}.PodSpec`]!
      const { readinessGates: _gone, ...properties } = spec['properties'] as JsonObject
      return {
        ...r,
        definitions: { ...r.definitions, [`${CORE}.PodSpec`]: { ...spec, properties } },
      }
    })
    const text = generateApiTypes({ releases: cut, descriptions })
    expect(changedTypes(fresh, text)).to.deep.equal(['PodReadinessGate', 'PodSpec'])
  })

  it('declares the kinds as KubeObjects with typed spec and status', () => {
    expect(fresh).to.include('export interface Pod extends KubeObject {')
    expect(fresh).to.match(/export interface Pod extends KubeObject \{[^}]*spec\?: PodSpec/)
    expect(fresh).to.match(/export interface Node extends KubeObject \{[^}]*status\?: NodeStatus/)
    expect(fresh).to.match(
      /export interface Endpoints extends KubeObject \{[^}]*subsets\?: EndpointSubset\[\]/
    )
    expect(fresh).not.to.match(/export interface Pod extends KubeObject \{[^}]*metadata/)
    expect(fresh).to.match(
      /export interface ContainerPort \{[^}]*Required\. \*\/\n  containerPort\?: number/
    )
  })
})

describe('buildTypeModel()', () => {
  const r = (release: string, definitions: Record<string, JsonObject>): ReleaseDefinitions => ({
    release,
    definitions,
  })
  const kind = (props: JsonObject): JsonObject => ({
    properties: {
      metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
      ...props,
    },
  })

  it('keeps a field some release lacks and says which', () => {
    const model = buildTypeModel(
      [
        r('1.11', { 'a.v1.Thing': kind({ old: { type: 'string' } }) }),
        r('1.28', { 'a.v1.Thing': kind({ old: { type: 'string' }, added: { type: 'boolean' } }) }),
      ],
      ['a.v1.Thing'],
      MAPPED_DEFINITIONS
    )
    const thing = model.decls[0]!
    expect(thing.kind).to.equal(true)
    expect(thing.fields.map((f) => [f.name, f.releases])).to.deep.equal([
      ['added', ['1.28']],
      ['old', ['1.11', '1.28']],
    ])
  })

  it('unions a field whose type changed between releases', () => {
    const model = buildTypeModel(
      [
        r('1.11', { 'a.v1.T': kind({ x: { type: 'string' } }) }),
        r('1.28', { 'a.v1.T': kind({ x: { type: 'integer' } }) }),
      ],
      ['a.v1.T'],
      MAPPED_DEFINITIONS
    )
    expect(model.decls[0]!.fields[0]!.type).to.equal('string | number')
  })

  it('refuses two definitions with one short name', () => {
    const defs = {
      'a.v1.Root': kind({
        x: { $ref: '#/definitions/a.v1.Spec' },
        y: { $ref: '#/definitions/b.v1.Spec' },
      }),
      'a.v1.Spec': {},
      'b.v1.Spec': {},
    }
    expect(() => buildTypeModel([r('1.11', defs)], ['a.v1.Root'], MAPPED_DEFINITIONS)).to.throw(
      /a\.v1\.Spec and b\.v1\.Spec are both Spec/
    )
  })

  it('fails naming a definition a release lacks', () => {
    expect(() =>
      buildTypeModel(
        [r('1.11', { 'a.v1.R': kind({ x: { $ref: '#/definitions/a.v1.Gone' } }) })],
        ['a.v1.R'],
        MAPPED_DEFINITIONS
      )
    ).to.throw(/1\.11: definition a\.v1\.Gone is missing/)
  })
})

describe('schemaType()', () => {
  const t = (s: unknown): string => schemaType(s, MAPPED_DEFINITIONS, 'X.f')

  it('maps arrays, maps, refs and the mapped definitions', () => {
    expect(
      t({ type: 'array', items: { $ref: '#/definitions/io.k8s.api.core.v1.Container' } })
    ).to.equal('Container[]')
    expect(
      t({
        type: 'object',
        additionalProperties: {
          $ref: '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity',
        },
      })
    ).to.equal('Record<string, Quantity>')
    expect(
      t({
        type: 'array',
        items: { $ref: '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
      })
    ).to.equal('IntOrString[]')
    expect(t({ type: 'integer', format: 'int32' })).to.equal('number')
    expect(t({ type: 'string', format: 'byte' })).to.equal('string')
    expect(t({ type: 'object' })).to.equal('Record<string, unknown>')
  })

  it('fails naming the field of a schema it cannot type', () => {
    expect(() => t({ type: 'file' })).to.throw(/X\.f: unsupported schema type "file"/)
    expect(() => t({ type: 'object', properties: { a: {} } })).to.throw(/X\.f: an inline object/)
    expect(() => t({ type: 'array', items: 3 })).to.throw(/X\.f\[\]: want a schema object/)
  })
})

describe('src/api/core-types.ts', () => {
  it('types a pod as the API serves it, unknown top-level fields passing through', () => {
    const served: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', namespace: 'default' },
      spec: { containers: [{ name: 'web', ports: [{ containerPort: 8080 }] }] },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      extra: { kept: true },
    }
    const pod: Pod = served
    expect(pod.spec?.containers?.[0]?.ports?.[0]?.containerPort).to.equal(8080)
    expect(pod.status?.conditions?.find((c) => c.type === 'Ready')?.status).to.equal('True')
    expect(pod['extra']).to.deep.equal({ kept: true })
  })

  it('rejects a mistyped field at compile time (negative)', () => {
    const bad: Pod = {
      metadata: {},
      // @ts-expect-error containers is a list of Container, not a string
      spec: { containers: 'web' },
    }
    expect(bad.metadata).to.deep.equal({})
  })
})
