import { expect } from 'chai'
import { parseKubeVersion } from '../../api/resources/index.js'
import type { JsonObject } from '../../api/types.js'
import { compileFieldPruner, fieldPruner } from './index.js'

const v111 = parseKubeVersion('1.11.1')
const v133 = parseKubeVersion('1.33.0')
const pod = { group: '', version: 'v1', kind: 'Pod' }

function podWith(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { a: 'b' }, annotations: { x: 'y' } },
    spec: {
      containers: [
        {
          name: 'c',
          image: 'nginx',
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu: '1' } },
          livenessProbe: { httpGet: { path: '/', port: 'http' } },
        },
      ],
      ...extra,
    },
  }
}

describe('fieldPruner', () => {
  it('drops unknown fields at every depth and names them as the strict decoder does', () => {
    const p = fieldPruner(v111, pod)!
    const obj = podWith({ foo: 1 })
    const spec = obj.spec as { containers: Record<string, unknown>[] }
    spec.containers[0]!.bar = true
    ;(spec.containers[0]!.ports as Record<string, unknown>[])[0]!.baz = 'x'
    ;(obj.metadata as Record<string, unknown>).nope = 1
    expect(p(obj)).to.deep.equal([
      'metadata.nope',
      'spec.containers[0].ports[0].baz',
      'spec.containers[0].bar',
      'spec.foo',
    ])
    expect(obj).to.deep.equal(podWith({}))
  })

  it('keeps everything a schema knows: maps, int-or-string, quantities, statuses', () => {
    const p = fieldPruner(v111, pod)!
    const obj = { ...podWith({}), status: { phase: 'Running', podIP: '10.0.0.1' } }
    const copy = structuredClone(obj)
    expect(p(obj)).to.deep.equal([])
    expect(obj).to.deep.equal(copy)
  })

  it('follows the release: 1.11 has no startupProbe, 1.33 does', () => {
    const with133 = podWith({})
    ;(with133.spec as { containers: Record<string, unknown>[] }).containers[0]!.startupProbe = {
      exec: { command: ['true'] },
    }
    expect(fieldPruner(v133, pod)!(structuredClone(with133))).to.deep.equal([])
    expect(fieldPruner(v111, pod)!(with133)).to.deep.equal(['spec.containers[0].startupProbe'])
  })

  it('reports without removing when asked', () => {
    const obj = podWith({ foo: 1 })
    expect(fieldPruner(v111, pod)!(obj, false)).to.deep.equal(['spec.foo'])
    expect((obj.spec as Record<string, unknown>).foo).to.equal(1)
  })

  it('keeps what RawExtension and free-form schemas hold (1.11 describes RawExtension as {Raw})', () => {
    const cr = { group: 'apps', version: 'v1', kind: 'ControllerRevision' }
    const obj = { metadata: { name: 'r' }, data: { any: { thing: 1 } }, revision: 1 }
    expect(fieldPruner(v111, cr)!(obj)).to.deep.equal([])
    expect(obj.data).to.deep.equal({ any: { thing: 1 } })
  })

  it('has no pruner for kinds the release has no schema for (custom resources keep everything)', () => {
    expect(
      fieldPruner(v111, { group: 'networking.istio.io', version: 'v1alpha3', kind: 'Gateway' })
    ).to.equal(undefined)
  })

  it('compiles recursive definitions, preserve-unknown-fields and maps of objects', () => {
    const defs: Record<string, JsonObject> = {
      Tree: {
        properties: {
          name: { type: 'string' },
          children: { type: 'array', items: { $ref: '#/definitions/Tree' } },
          byName: { type: 'object', additionalProperties: { $ref: '#/definitions/Tree' } },
          free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          half: {
            type: 'object',
            'x-kubernetes-preserve-unknown-fields': true,
            properties: { known: { $ref: '#/definitions/Tree' } },
          },
          port: { 'x-kubernetes-int-or-string': true },
        },
      },
    }
    const p = compileFieldPruner(defs, 'Tree')!
    const obj = {
      name: 'a',
      x: 1,
      children: [{ name: 'b', children: [{ y: 2 }] }],
      byName: { k: { z: 3, name: 'c' } },
      free: { anything: { goes: 1 } },
      half: { other: 1, known: { w: 4 } },
      port: 'http',
    }
    expect(p(obj)).to.deep.equal(['x', 'children[0].children[0].y', 'byName.k.z', 'half.known.w'])
    expect(obj).to.deep.equal({
      name: 'a',
      children: [{ name: 'b', children: [{}] }],
      byName: { k: { name: 'c' } },
      free: { anything: { goes: 1 } },
      half: { other: 1, known: {} },
      port: 'http',
    })
    expect(compileFieldPruner(defs, 'Missing')).to.equal(undefined)
  })

  it('leaves values of the wrong type to validation instead of failing', () => {
    const obj = { apiVersion: 'v1', kind: 'Pod', spec: 'not an object', metadata: [] }
    expect(fieldPruner(v111, pod)!(obj)).to.deep.equal([])
  })
})
