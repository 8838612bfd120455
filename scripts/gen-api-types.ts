/**
 * Writes src/api/core-types.ts, the TypeScript types of the core kinds, from the OpenAPI data in
 * src/apiserver/openapi/data and the descriptions in src/apiserver/openapi/descriptions.yaml.
 * With --check, writes nothing and fails naming the types the committed file has stale.
 *
 * Usage: tsx scripts/gen-api-types.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import {
  API_TYPES_FILES,
  changedTypes,
  generateApiTypes,
  readReleaseDefinitions,
  readTypeDescriptions,
} from '../src/api/typegen/index.js'

try {
  const text = generateApiTypes({
    releases: readReleaseDefinitions(),
    descriptions: readTypeDescriptions(),
  })
  const out = API_TYPES_FILES.output
  if (process.argv.includes('--check')) {
    const stale = changedTypes(readFileSync(out, 'utf8'), text)
    if (stale.length > 0) throw new Error(`${out.pathname} is stale: ${stale.join(', ')}`)
    console.log(`${out.pathname} is up to date`)
  } else {
    writeFileSync(out, text)
    console.log(`wrote ${out.pathname} (${text.split('\n').length} lines)`)
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
}
