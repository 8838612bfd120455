import { expect } from 'chai'
import { readdirSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import type { JsonObject } from '../../api/types.js'
import { apiDefinitions } from './definitions.js'
import { describeDefinitions, labDescriptions } from './descriptions.js'

const DATA = new URL('./data/', import.meta.url)

function rawDefinitions(file: string): Record<string, JsonObject> {
  const text = gunzipSync(readFileSync(new URL(file, DATA))).toString('utf8')
  return (JSON.parse(text) as { definitions: Record<string, JsonObject> }).definitions
}

describe("the lab's descriptions of the API types", () => {
  it('names only types and fields the served schemas have (a typo would describe nothing)', () => {
    const all = readdirSync(DATA).map(rawDefinitions)
    for (const [type, fields] of Object.entries(labDescriptions())) {
      const defs = all.flatMap((d) =>
        Object.entries(d).filter(([name]) => name.endsWith(`.${type}`))
      )
      expect(defs.length, type).to.be.greaterThan(0)
      for (const field of Object.keys(fields)) {
        if (field === '.') continue
        const has = defs.some(([, d]) => Object.hasOwn((d['properties'] ?? {}) as object, field))
        expect(has, `${type}.${field}`).to.equal(true)
      }
    }
  })

  it('are laid over every version of a type as the data is read, and only where they apply', () => {
    const { definitions } = apiDefinitions({ major: 1, minor: 11, patch: 1, gitVersion: 'v1.11.1' })
    const prop = (def: string, field: string) =>
      ((definitions[def]!['properties'] as Record<string, JsonObject>)[field] ?? {})['description']
    expect(prop('io.k8s.api.core.v1.Container', 'image')).to.match(/^The image to run/)
    for (const group of ['apps.v1', 'apps.v1beta2', 'extensions.v1beta1'])
      expect(prop(`io.k8s.api.${group}.DeploymentStrategy`, 'type'), group).to.match(/^Recreate/)
    expect(definitions['io.k8s.api.core.v1.Pod']!['description']).to.match(/^A group of containers/)
    // A type the file does not describe keeps the structure alone.
    expect(prop('io.k8s.api.core.v1.NFSVolumeSource', 'server')).to.equal(undefined)
  })

  it('leaves a field alone where the definition lacks it', () => {
    const defs: Record<string, JsonObject> = {
      'x.v1.Thing': { properties: { a: { type: 'string' } } },
    }
    describeDefinitions(defs, { Thing: { '.': 'A thing.', a: 'The a.', b: 'The b.' } })
    expect(defs['x.v1.Thing']).to.deep.equal({
      description: 'A thing.',
      properties: { a: { type: 'string', description: 'The a.' } },
    })
  })
})
