import { posix } from 'node:path'
import { ContainerFs } from './container-fs.js'
import type { Word } from './shell-ast.js'

/** What word expansion reads: variables, the last status, and command substitution. */
export interface ExpandEnv {
  get(name: string): string | undefined
  set(name: string, value: string): void
  substitute(source: string): Promise<string>
  fs: ContainerFs
  cwd: string
}

/** Expands a word into fields: parameters, command substitution, field splitting, globbing. */
export async function expandWord(w: Word, env: ExpandEnv): Promise<string[]> {
  const fields: string[] = []
  let cur = ''
  let started = false
  let glob = false
  for (const part of w) {
    let value: string
    if (part.kind === 'lit') {
      cur += part.text
      started = true
      if (!part.quoted && /[*?]/.test(part.text)) glob = true
      continue
    }
    if (part.kind === 'cmd') value = (await env.substitute(part.source)).replace(/\n+$/, '')
    else if (part.kind === 'arith') value = String(arithmetic(part.expr, env))
    else value = await parameter(part, env)
    if (part.quoted) {
      cur += value
      started = true
      continue
    }
    const pieces = value.split(/[ \t\n]+/)
    if (pieces[0] === '' && started && value !== '') {
      fields.push(cur)
      cur = ''
      started = false
    }
    const words = pieces.filter((p) => p !== '')
    words.forEach((p, i) => {
      if (i > 0) {
        fields.push(cur)
        cur = ''
      }
      cur += p
      started = true
    })
    if (/[ \t\n]$/.test(value) && started) {
      fields.push(cur)
      cur = ''
      started = false
    }
  }
  if (started) fields.push(cur)
  if (!glob) return fields
  return fields.flatMap((f) => (/[*?]/.test(f) ? globField(f, env) : [f]))
}

/** Expands a word into one string (redirection targets, assignments). */
export async function expandOne(w: Word, env: ExpandEnv): Promise<string> {
  let out = ''
  for (const part of w) {
    if (part.kind === 'lit') out += part.text
    else if (part.kind === 'cmd') out += (await env.substitute(part.source)).replace(/\n+$/, '')
    else if (part.kind === 'arith') out += String(arithmetic(part.expr, env))
    else out += await parameter(part, env)
  }
  return out
}

async function parameter(
  part: Extract<Word[number], { kind: 'var' }>,
  env: ExpandEnv
): Promise<string> {
  const v = env.get(part.name)
  if (!part.op) return v ?? ''
  const unsetOrEmpty = part.op.startsWith(':') ? !v : v === undefined
  const arg = part.arg ? await expandOne(part.arg, env) : ''
  switch (part.op.replace(':', '')) {
    case '-':
      return unsetOrEmpty ? arg : (v ?? '')
    case '=':
      if (unsetOrEmpty) env.set(part.name, arg)
      return unsetOrEmpty ? arg : (v ?? '')
    case '+':
      return unsetOrEmpty ? '' : arg
    case '?':
      if (unsetOrEmpty) throw new Error(`${part.name}: ${arg || 'parameter not set'}`)
      return v ?? ''
  }
  return v ?? ''
}

function globField(pattern: string, env: ExpandEnv): string[] {
  const abs = ContainerFs.abs(env.cwd, pattern)
  const dir = posix.dirname(abs)
  const base = posix.basename(abs)
  if (/[*?]/.test(dir)) return [pattern]
  const re = new RegExp(
    `^${base
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`
  )
  let names: string[]
  try {
    names = env.fs.readdir(dir)
  } catch {
    return [pattern]
  }
  const hits = names.filter((n) => re.test(n) && (base.startsWith('.') || !n.startsWith('.')))
  if (hits.length === 0) return [pattern]
  const prefix = posix.isAbsolute(pattern) ? dir : posix.dirname(pattern)
  return hits.map((n) => (prefix === '.' && !pattern.startsWith('./') ? n : posix.join(prefix, n)))
}

/** Evaluates `$(( … ))`: integers, variables, + - * / % and parentheses. */
export function arithmetic(expr: string, env: Pick<ExpandEnv, 'get'>): number {
  const src = expr.replace(/\$?([A-Za-z_][A-Za-z0-9_]*)/g, (_m, n: string) =>
    String(Number.parseInt(env.get(n) ?? '0', 10) || 0)
  )
  const tokens = src.match(/\d+|[-+*/%()]/g) ?? []
  if (src.replace(/\s+/g, '') !== tokens.join('')) throw new Error(`arithmetic syntax error`)
  let i = 0
  const atom = (): number => {
    const t = tokens[i++]
    if (t === '(') {
      const v = sum()
      i++
      return v
    }
    if (t === '-') return -atom()
    if (t === '+') return atom()
    if (t === undefined || !/^\d+$/.test(t)) throw new Error('arithmetic syntax error')
    return Number(t)
  }
  const product = (): number => {
    let v = atom()
    while (tokens[i] === '*' || tokens[i] === '/' || tokens[i] === '%') {
      const op = tokens[i++]
      const r = atom()
      if (op !== '*' && r === 0) throw new Error('divide by zero')
      v = op === '*' ? v * r : op === '/' ? Math.trunc(v / r) : v % r
    }
    return v
  }
  const sum = (): number => {
    let v = product()
    while (tokens[i] === '+' || tokens[i] === '-')
      v = tokens[i++] === '+' ? v + product() : v - product()
    return v
  }
  const v = sum()
  if (i !== tokens.length) throw new Error('arithmetic syntax error')
  return v
}
