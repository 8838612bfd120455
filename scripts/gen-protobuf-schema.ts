/**
 * Writes src/apiserver/protobuf/proto/api/*.proto: compact declarations (messages, field numbers,
 * types) of the Kubernetes API groups the lab serves, read from the upstream `generated.proto`
 * and `types.go` files of local git mirrors of kubernetes/api, kubernetes/apiextensions-apiserver
 * and kubernetes/kube-aggregator. Each package is the union over the tags given (fields by
 * number, the newest tag wins), so kinds removed upstream (PodSecurityPolicy, autoscaling/v2beta*)
 * keep their declarations. Go facts become options: `(ptr)` for pointer fields, `(keep)` for
 * non-pointer scalars without omitempty (their zero value is in the JSON), `(inline)` for
 * `json:",inline"` embeds, `(json)` when the JSON name differs and a message `(array)` for named
 * slices (`type ExtraValue []string`).
 *
 * Usage: tsx scripts/gen-protobuf-schema.ts <mirrors-dir>   (e.g. /work/.mirror)
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

interface Source {
  repo: string
  tags: string[]
  dirs: string[]
}

const API_TAGS = ['v0.24.17', 'v0.33.9']
const SOURCES: Source[] = [
  {
    repo: 'kubernetes+api',
    tags: API_TAGS,
    dirs: [
      'core/v1',
      'apps/v1',
      'apps/v1beta1',
      'apps/v1beta2',
      'extensions/v1beta1',
      'batch/v1',
      'batch/v1beta1',
      'autoscaling/v1',
      'autoscaling/v2',
      'autoscaling/v2beta1',
      'autoscaling/v2beta2',
      'policy/v1',
      'policy/v1beta1',
      'networking/v1',
      'networking/v1beta1',
      'rbac/v1',
      'rbac/v1beta1',
      'authorization/v1',
      'authorization/v1beta1',
      'authentication/v1',
      'authentication/v1beta1',
      'admissionregistration/v1',
      'admissionregistration/v1beta1',
      'storage/v1',
      'storage/v1beta1',
      'scheduling/v1',
      'scheduling/v1beta1',
      'coordination/v1',
      'coordination/v1beta1',
      'events/v1',
      'events/v1beta1',
      'certificates/v1',
      'certificates/v1beta1',
    ],
  },
  {
    repo: 'kubernetes+apiextensions-apiserver',
    tags: API_TAGS,
    dirs: ['pkg/apis/apiextensions/v1', 'pkg/apis/apiextensions/v1beta1'],
  },
  {
    repo: 'kubernetes+kube-aggregator',
    tags: API_TAGS,
    dirs: ['pkg/apis/apiregistration/v1', 'pkg/apis/apiregistration/v1beta1'],
  },
]

interface Field {
  label: string
  type: string
  name: string
  number: number
  ptr?: boolean
  inline?: boolean
  json?: string
}

interface GoField {
  ptr: boolean
  inline: boolean
  json: string
  omitempty: boolean
}

const SCALARS = new Set(['string', 'bool', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float'])

const mirrors = process.argv[2]
if (!mirrors) throw new Error('usage: tsx scripts/gen-protobuf-schema.ts <mirrors-dir>')
const out = resolve(import.meta.dirname, '..', 'src/apiserver/protobuf/proto/api')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

for (const src of SOURCES) {
  const git = join(mirrors, src.repo, 'repo')
  for (const dir of src.dirs) {
    let pkg = ''
    const messages = new Map<string, Map<number, Field>>()
    const goFields = new Map<string, GoField>()
    const arrays = new Set<string>()
    for (const tag of src.tags) {
      const proto = show(git, tag, `${dir}/generated.proto`)
      if (proto === undefined) continue
      pkg = /^package ([\w.]+);/m.exec(proto)?.[1] ?? pkg
      for (const [name, fields] of parseProto(proto)) {
        const m = messages.get(name) ?? new Map<number, Field>()
        for (const f of fields) m.set(f.number, f)
        messages.set(name, m)
      }
      for (const file of listGo(git, tag, dir)) {
        readGoTypes(show(git, tag, file) ?? '', goFields, arrays)
      }
    }
    if (messages.size === 0) throw new Error(`failed to find ${dir}/generated.proto in ${src.repo}`)
    writeFileSync(join(out, `${pkg}.proto`), render(pkg, messages, goFields, arrays))
  }
}
console.log(`wrote ${readdirSync(out).length} files to ${out}`)

function show(git: string, tag: string, path: string): string | undefined {
  try {
    return execFileSync('git', ['--git-dir', git, 'show', `${tag}:${path}`], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch {
    return undefined
  }
}

function listGo(git: string, tag: string, dir: string): string[] {
  let names: string
  try {
    names = execFileSync('git', ['--git-dir', git, 'ls-tree', '--name-only', `${tag}:${dir}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
  } catch {
    return []
  }
  return names
    .split('\n')
    .filter((n) => n.endsWith('.go') && !n.endsWith('_test.go') && !n.startsWith('zz_'))
    .filter((n) => n !== 'generated.pb.go')
    .map((n) => `${dir}/${n}`)
}

function parseProto(text: string): Map<string, Field[]> {
  const result = new Map<string, Field[]>()
  const body = text.replace(/\/\/.*$/gm, '')
  for (const m of body.matchAll(/^message (\w+) \{([\s\S]*?)^\}/gm)) {
    const fields: Field[] = []
    for (const f of m[2].matchAll(
      /^\s*(?:(optional|repeated) ([.\w]+)|(map<[^>]+>)) (\w+) = (\d+);/gm
    )) {
      fields.push({
        label: f[1] ?? '',
        type: qualify(f[2] ?? f[3].replace(/\s+/g, ' ')),
        name: f[4],
        number: Number(f[5]),
      })
    }
    result.set(m[1], fields)
  }
  return result
}

// Older files name other packages' types without the leading dot (`k8s.io.api.core.v1.PodSpec`).
function qualify(type: string): string {
  if (type.startsWith('map<')) {
    return type.replace(/, ([\w.]+)>$/, (_m, v: string) => `, ${qualify(v)}>`)
  }
  return type.includes('.') && !type.startsWith('.') ? `.${type}` : type
}

function readGoTypes(text: string, fields: Map<string, GoField>, arrays: Set<string>): void {
  for (const m of text.matchAll(/^type (\w+) \[\]\w+\s*$/gm)) arrays.add(m[1])
  for (const m of text.matchAll(/^type (\w+) struct \{([\s\S]*?)^\}/gm)) {
    for (const line of m[2].split('\n')) {
      const f = /^\s*(\S+)(?:\s+(\S+))?\s+`([^`]*)`/.exec(line)
      if (!f) continue
      const tag = f[3]
      const name = /protobuf:"[^"]*name=(\w+)/.exec(tag)?.[1]
      if (!name) continue
      const goType = f[2] ?? f[1]
      const json = /json:"([^",]*)/.exec(tag)?.[1] ?? ''
      fields.set(`${m[1]}.${name}`, {
        ptr: goType.startsWith('*'),
        inline: /json:",inline/.test(tag),
        json,
        omitempty: /json:"[^"]*,omitempty/.test(tag),
      })
    }
  }
}

function render(
  pkg: string,
  messages: Map<string, Map<number, Field>>,
  go: Map<string, GoField>,
  arrays: Set<string>
): string {
  const lines = [
    '// Generated by scripts/gen-protobuf-schema.ts from the upstream generated.proto and types.go',
    '// (field numbers, types, Go pointers and JSON names). Do not edit by hand.',
    'syntax = "proto2";',
    '',
    `package ${pkg};`,
  ]
  for (const name of [...messages.keys()].sort()) {
    lines.push('', `message ${name} {`)
    if (arrays.has(name)) lines.push('  option (array) = true;')
    const fields = [...messages.get(name)!.values()].sort((a, b) => a.number - b.number)
    for (const f of fields) {
      const g = go.get(`${name}.${f.name}`)
      const opts: string[] = []
      if (g?.ptr) opts.push('(ptr) = true')
      // Go's JSON writes a zero non-pointer scalar unless the field is omitempty.
      else if (g && !g.omitempty && !g.inline && f.label === 'optional' && SCALARS.has(f.type))
        opts.push('(keep) = true')
      if (g?.inline) opts.push('(inline) = true')
      else if (g && g.json !== '' && g.json !== f.name) opts.push(`(json) = "${g.json}"`)
      const head = f.label ? `${f.label} ${f.type}` : f.type
      const tail = opts.length > 0 ? ` [${opts.join(', ')}]` : ''
      lines.push(`  ${head} ${f.name} = ${f.number}${tail};`)
    }
    lines.push('}')
  }
  return lines.join('\n') + '\n'
}
