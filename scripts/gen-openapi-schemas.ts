/**
 * Writes src/apiserver/openapi/data/definitions-1.<minor>.json.gz: the `definitions` of the
 * OpenAPI v2 document kube-apiserver 1.<minor> publishes (field names, types, required fields,
 * references and x-kubernetes-* extensions — the schema's facts; the upstream prose descriptions
 * are left out, as no text from elsewhere is copied into this repository), read from `kubernetes/swagger.json.unprocessed` of each release
 * of a local git mirror of kubernetes-client/python, whose release N ships 1.N's spec (7 → 1.11,
 * 8 → 1.12, … 12 → 1.16, then the minor itself from 17 on).
 *
 * Usage: tsx scripts/gen-openapi-schemas.ts <mirrors-dir>   (e.g. /work/.mirror)
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'

const mirrors = process.argv[2]
if (!mirrors) throw new Error('usage: tsx scripts/gen-openapi-schemas.ts <mirrors-dir>')
const git = join(mirrors, 'kubernetes-client+python', 'repo')
const out = resolve(import.meta.dirname, '..', 'src/apiserver/openapi/data')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

const tags = execFileSync('git', ['--git-dir', git, 'tag'], { encoding: 'utf8' })
  .split('\n')
  .filter((t) => /^v\d+\.\d+\.\d+$/.test(t))
const byMajor = new Map<number, string[]>()
for (const t of tags) {
  const major = Number(t.slice(1).split('.')[0])
  byMajor.set(major, [...(byMajor.get(major) ?? []), t])
}

for (const [major, list] of [...byMajor.entries()].sort((a, b) => a[0] - b[0])) {
  if (major < 7 || (major > 12 && major < 17) || major > 33) continue
  // The newest release of the major whose tree the mirror holds.
  const text = list
    .sort(compare)
    .reverse()
    .map((tag) => show(`${tag}:kubernetes/swagger.json.unprocessed`))
    .find((t) => t !== undefined)
  if (text === undefined) {
    // The mirror may lack a release's blobs; that minor then falls back to an older one.
    console.warn(`no spec readable for client release ${major}; skipped`)
    continue
  }
  const spec = JSON.parse(text) as { info: { version: string }; definitions: object }
  // Releases from 17 on say "unversioned"; their number is the Kubernetes minor.
  const minor = /^v1\.(\d+)/.exec(spec.info.version)?.[1] ?? (major >= 17 ? String(major) : '')
  if (minor === '') throw new Error(`failed to read the Kubernetes version of release ${major}`)
  const body = JSON.stringify({
    version: `1.${minor}`,
    definitions: withoutProse(spec.definitions),
  })
  writeFileSync(join(out, `definitions-1.${minor}.json.gz`), gzipSync(body, { level: 9 }))
}
console.log(`wrote ${readdirSync(out).join(' ')}`)

/** Returns the schema without its `description` texts (a property named description stays). */
function withoutProse(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutProse)
  if (v === null || typeof v !== 'object') return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    if (k === 'description' && typeof x === 'string') continue
    out[k] = withoutProse(x)
  }
  return out
}

function show(spec: string): string | undefined {
  try {
    return execFileSync('git', ['--git-dir', git, 'show', spec], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch {
    return undefined
  }
}

function compare(a: string, b: string): number {
  const pa = a.slice(1).split('.').map(Number)
  const pb = b.slice(1).split('.').map(Number)
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!
  return 0
}
