import { readdirSync } from 'node:fs'
import type { ResourceRecord } from './resource-record.js'

// Where the records are: one folder per group (`core` for the legacy group), one file per resource.
const ROOT = new URL('./builtin/', import.meta.url)
const SOURCE = /^[a-z0-9-]+\.(ts|js)$/
const NOT_SOURCE = /\.(test|d)\.ts$/

/** Checks that a loaded module is a record; throws naming the file and the missing field. */
export function checkRecord(v: unknown, file: string, groupDir: string): ResourceRecord {
  const r = v as Partial<ResourceRecord> | undefined
  const fail = (what: string) => new Error(`failed to load the resource record ${file}: ${what}`)
  if (!r || typeof r !== 'object') throw fail('it has no default export')
  for (const k of ['kind', 'resource'] as const)
    if (typeof r[k] !== 'string' || !r[k]) throw fail(`${k} is missing`)
  if (typeof r.group !== 'string') throw fail('group is missing')
  if ((r.group || 'core') !== groupDir) throw fail(`group "${r.group}" is not its folder's`)
  if (typeof r.namespaced !== 'boolean') throw fail('namespaced is missing')
  if (!Array.isArray(r.served) || r.served.length === 0) throw fail('served is missing')
  if (!file.startsWith(`${groupDir}/${r.resource}.`))
    throw fail(`the file is not named after ${r.resource}`)
  return r as ResourceRecord
}

// A record that imports, through an index.ts, a module that needs the records would wait for
// itself for ever, and Node would exit without a word; this turns that into an error.
const LOAD_LIMIT_MS = 30_000

async function importRecord(url: URL, file: string): Promise<{ default?: unknown }> {
  let timer: NodeJS.Timeout | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(
            `failed to load the resource record ${file}: it did not load in ${LOAD_LIMIT_MS / 1000} s (an import cycle through the records? records import leaf files, not index.ts files that need the records)`
          )
        ),
      LOAD_LIMIT_MS
    )
  })
  try {
    return (await Promise.race([import(url.href), limit])) as { default?: unknown }
  } finally {
    clearTimeout(timer)
  }
}

/** Loads every record under `builtin/`, in the order of groups (core first), then of resources. */
async function loadRecords(): Promise<ResourceRecord[]> {
  const out: ResourceRecord[] = []
  const groups = readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
  for (const g of groups) {
    const dir = new URL(`${g}/`, ROOT)
    const files = readdirSync(dir)
      .filter((f) => SOURCE.test(f) && !NOT_SOURCE.test(f))
      .sort()
    for (const f of files) {
      const mod = await importRecord(new URL(f, dir), `${g}/${f}`)
      out.push(checkRecord(mod.default, `${g}/${f}`, g))
    }
  }
  return out
}

/** Every built-in resource record, loaded once from `builtin/<group>/<resource>.ts`. */
export const BUILTIN_RECORDS: readonly ResourceRecord[] = await loadRecords()
