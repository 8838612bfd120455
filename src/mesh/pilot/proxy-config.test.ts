import { expect } from 'chai'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments, stringify } from 'yaml'
import type { KubeObject } from '../../api/types.js'
import { meshOf } from '../../testing/mesh/mesh-fixtures.js'
import { buildProxyConfig, createPushContext } from './proxy-config.js'

const DIR = join(import.meta.dirname, 'testdata')
const docs = (file: string) =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8'))
    .map((d) => d.toJS() as KubeObject & { proxy?: string })
    .filter(Boolean)

describe('buildProxyConfig() golden files', () => {
  const base = docs('_base.yaml')
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.input.yaml'))) {
    const name = file.replace('.input.yaml', '')
    it(name, () => {
      const input = docs(file)
      const spec = input.find((d) => d.kind === 'GoldenCase')!
      const mesh = meshOf([...base, ...input.filter((d) => d.kind !== 'GoldenCase')])
      const push = createPushContext(mesh)
      const pod = mesh.pods.find((p) => p.metadata.name === spec.proxy)
      expect(pod, `proxy pod ${spec.proxy}`).to.not.equal(undefined)
      const got = stringify(buildProxyConfig(push, pod!), { aliasDuplicateObjects: false })
      const golden = join(DIR, `${name}.output.yaml`)
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, got)
      expect(existsSync(golden), `${golden} (UPDATE_GOLDEN=1 writes it)`).to.equal(true)
      expect(got).to.equal(readFileSync(golden, 'utf8'))
    })
  }
})
