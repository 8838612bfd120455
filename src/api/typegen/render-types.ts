import type { MappedDefinition } from './core-kinds.js'
import type { TypeDecl, TypeField, TypeModel } from './type-model.js'

/** The lab's own texts, by a type's short name, then field (`.` is the type's own text). */
export type TypeDescriptions = Readonly<Record<string, Readonly<Record<string, string>>>>

/** What renderTypes needs besides the model. */
export interface RenderOptions {
  /** Comment lines (without `// `) at the top of the file. */
  header: readonly string[]
  mapped: Readonly<Record<string, MappedDefinition>>
  descriptions: TypeDescriptions
  /** The kinds in the order they are declared; the other types follow by name. */
  roots: readonly string[]
}

function absentFrom(all: readonly string[], present: readonly string[]): string {
  const missing = all.filter((r) => !present.includes(r))
  if (missing.length === 0) return ''
  const list =
    missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)!}`
  return `Absent from the ${list} schema${missing.length === 1 ? '' : 's'}.`
}

function doc(parts: readonly string[], indent: string): string[] {
  const text = parts.filter((p) => p !== '').join(' ')
  return text === '' ? [] : [`${indent}/** ${text.replaceAll('*/', '*\\/')} */`]
}

function field(f: TypeField, decl: TypeDecl, texts: Readonly<Record<string, string>>): string[] {
  const name = /^[A-Za-z_$][\w$]*$/.test(f.name) ? f.name : `'${f.name}'`
  return [
    ...doc(
      [texts[f.name] ?? '', f.required ? 'Required.' : '', absentFrom(decl.releases, f.releases)],
      '  '
    ),
    `  ${name}?: ${f.type}`,
  ]
}

function declaration(decl: TypeDecl, model: TypeModel, opts: RenderOptions): string[] {
  const texts = opts.descriptions[decl.name] ?? {}
  const own = texts['.'] ?? ''
  const where = `Schema ${decl.definition}.`
  const head = doc([own, where, absentFrom(model.releases, decl.releases)], '')
  if (decl.alias !== undefined) return [...head, `export type ${decl.name} = ${decl.alias}`]
  const ext = decl.kind ? ' extends KubeObject' : ''
  if (decl.fields.length === 0) return [...head, `export interface ${decl.name}${ext} {}`]
  return [
    ...head,
    `export interface ${decl.name}${ext} {`,
    ...decl.fields.flatMap((f) => field(f, decl, texts)),
    '}',
  ]
}

function order(model: TypeModel, roots: readonly string[]): TypeDecl[] {
  const rank = (d: TypeDecl): number => {
    const i = roots.indexOf(d.definition)
    return i < 0 ? roots.length : i
  }
  return [...model.decls].sort(
    (a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  )
}

/** Returns the TypeScript source of the model: header, imports, aliases, kinds, other types. */
export function renderTypes(model: TypeModel, opts: RenderOptions): string {
  const decls = order(model, opts.roots)
  const used = new Set(
    decls
      .flatMap((d) => [d.alias ?? '', ...d.fields.map((f) => f.type)])
      .join(' ')
      .match(/\w+/g)
  )
  const mapped = Object.values(opts.mapped).filter((m) => used.has(m.type))
  const imports = [
    ...(decls.some((d) => d.kind) ? ['KubeObject'] : []),
    ...mapped.filter((m) => m.imported).map((m) => m.type),
  ].sort()
  const aliases = mapped.flatMap((m) =>
    m.alias ? ['', ...doc([m.alias.doc], ''), `export type ${m.type} = ${m.alias.of}`] : []
  )
  const lines = [
    ...opts.header.map((h) => `// ${h}`),
    '',
    `import type { ${imports.join(', ')} } from './types.js'`,
    ...aliases,
    ...decls.flatMap((d) => ['', ...declaration(d, model, opts)]),
  ]
  return `${lines.join('\n')}\n`
}
