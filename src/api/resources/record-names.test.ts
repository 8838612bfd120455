import { expect } from 'chai'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { BUILTIN_RECORDS } from './builtin-records.js'
import type { ResourceRecord } from './resource-record.js'

/** A place where a source file names a built-in resource the way a name-keyed table does. */
export interface NameUse {
  line: number
  name: string
}

const QUOTED = /'([^'\n]*)'|"([^"\n]*)"|`([^`\n$]*)`/g

// Block and line comments, with what they span replaced by spaces so line numbers stay.
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/.*$/gm, (_m, p: string) => p)
}

/**
 * Returns where a source file keys something on a built-in resource's name, as the name-keyed
 * printer, patch-metadata and field tables did before each record held its own: a qualified name
 * in quotes (`'apps/deployments'`, `'apps/Deployment'`, `'/Pod'`, `'replicasets.extensions'`), or
 * a plural name compared against (`resource === 'pods'`, `case 'pods':`) or used as an object key
 * (`pods: [...]`). Comments, and plural names passed as field names (`list(sa, 'secrets')`), are not uses.
 */
export function resourceNameUses(text: string, records: readonly ResourceRecord[]): NameUse[] {
  const qualified = new Set<string>()
  const plural = new Set<string>()
  for (const r of records) {
    plural.add(r.resource)
    qualified.add(`${r.group}/${r.resource}`)
    qualified.add(`${r.group}/${r.kind}`)
    if (r.group) qualified.add(`${r.resource}.${r.group}`)
  }
  const uses: NameUse[] = []
  const lines = withoutComments(text).split('\n')
  for (const [i, line] of lines.entries()) {
    const found = new Set<string>()
    for (const m of line.matchAll(QUOTED)) {
      const s = m[1] ?? m[2] ?? m[3] ?? ''
      if (qualified.has(s)) found.add(s)
    }
    const compared = line.matchAll(
      /(?:[!=]==?\s*|case\s+)['"`]([a-z0-9]+)['"`]|['"`]([a-z0-9]+)['"`]\s*[!=]==?/g
    )
    for (const m of compared) {
      const s = m[1] ?? m[2] ?? ''
      if (plural.has(s)) found.add(s)
    }
    const key = /^\s*['"]?([a-z0-9]+)['"]?\s*:/.exec(line)?.[1]
    if (key && plural.has(key)) found.add(key)
    for (const name of found) uses.push({ line: i + 1, name })
  }
  return uses
}

const SRC = resolve(import.meta.dirname, '../..')

// The generic machinery of printing, patch metadata and field selectors, and the server code that
// routes to it; only the records under builtin/ may say which resource gets what. (The store is
// left out: there `events` are watch events, not the resource.)
const GENERIC = [
  'api/printers',
  'api/patch',
  'api/selectors',
  'apiserver/printers',
  'apiserver/handler',
  'apiserver/registry',
  'apiserver/watch',
]

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : []
  )
}

describe('resource names live in the records', () => {
  it('no generic printer, patch, selector or handler file keys on a built-in resource name', () => {
    const uses = GENERIC.flatMap((d) => sourceFiles(join(SRC, d))).flatMap((f) =>
      resourceNameUses(readFileSync(f, 'utf8'), BUILTIN_RECORDS).map(
        (u) => `${relative(SRC, f)}:${u.line}: ${u.name}`
      )
    )
    expect(uses).to.deep.equal([])
  })

  it('finds the name-keyed tables the records replaced (negative)', () => {
    const old = [
      'const BUILTIN: Record<string, Printer> = {',
      "  '/services': servicePrinter,",
      "  'apps/deployments': deploymentPrinter,",
      '}',
      "if (group === '' && resource === 'pods') return newPodPrinter()",
      "const BY_KIND = { '/Pod': root(), 'extensions/DaemonSet': ds }",
      'const SPECIFIC = {',
      '  pods: [...META],',
      "  'replicasets.extensions': [...META],",
      '}',
      "switch (resource) { case 'nodes': return NODE }",
    ].join('\n')
    expect(resourceNameUses(old, BUILTIN_RECORDS).map((u) => `${u.line}: ${u.name}`)).to.deep.equal(
      [
        '2: /services',
        '3: apps/deployments',
        '5: pods',
        '6: /Pod',
        '6: extensions/DaemonSet',
        '8: pods',
        '9: replicasets.extensions',
        '11: nodes',
      ]
    )
  })

  it('ignores comments and field names that happen to be resource names', () => {
    const fine = [
      "// resource === 'pods' was the old way",
      "/* 'apps/deployments': deploymentPrinter */",
      "cells: (sa) => [list(sa, 'secrets').length],",
      "const kind = 'Pods'",
    ].join('\n')
    expect(resourceNameUses(fine, BUILTIN_RECORDS)).to.deep.equal([])
  })
})
