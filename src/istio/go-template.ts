import {
  parseTemplate,
  type BlockNode,
  type Command,
  type Operand,
  type Pipeline,
  type TemplateNode,
} from './go-template-parser.js'
import { BUILTIN_FUNCS, isTrue, printValue, type TemplateFunc } from './go-template-values.js'

/** Options of a Go template: its name (for messages), delimiters and extra functions. */
export interface GoTemplateOptions {
  name?: string
  delims?: [string, string]
  funcs?: Record<string, TemplateFunc>
}

/** A parsed Go template, ready to execute against data. */
export interface GoTemplate {
  /** Returns the template output for `data`, or throws `template: <name>:<line>: …`. */
  execute(data: unknown): string
}

/**
 * Returns a parsed Go `text/template` (the subset the Istio 1.0 injector needs), or throws the
 * parse error. Field names are looked up as written and then with a lower-case first letter, so
 * `.Spec.ServiceAccountName` reads the JSON field `spec.serviceAccountName`.
 */
export function parseGoTemplate(src: string, opts: GoTemplateOptions = {}): GoTemplate {
  const name = opts.name ?? 'template'
  const funcs: Record<string, TemplateFunc> = { ...BUILTIN_FUNCS, ...opts.funcs }
  const tree = parseTemplate(src, {
    name,
    delims: opts.delims ?? ['{{', '}}'],
    funcs: new Set(Object.keys(funcs)),
  })
  return {
    execute(data: unknown): string {
      const out: string[] = []
      new Executor(name, funcs, data).run(tree, data, out)
      return out.join('')
    },
  }
}

/** Returns the output of a Go template executed against data. */
export function renderGoTemplate(src: string, data: unknown, opts: GoTemplateOptions = {}): string {
  return parseGoTemplate(src, opts).execute(data)
}

const NO_FINAL = Symbol('no final value')

/** Walks a parse tree against data. */
class Executor {
  private readonly name: string
  private readonly funcs: Record<string, TemplateFunc>
  private readonly root: unknown
  private line = 0

  constructor(name: string, funcs: Record<string, TemplateFunc>, root: unknown) {
    this.name = name
    this.funcs = funcs
    this.root = root
  }

  run(nodes: TemplateNode[], dot: unknown, out: string[]): void {
    for (const node of nodes) {
      if (node.kind === 'text') {
        out.push(node.text)
        continue
      }
      this.line = node.line
      const value = this.pipeline(node.pipe, dot)
      if (node.kind === 'action') out.push(printValue(value))
      else if (node.kind === 'if') this.run(isTrue(value) ? node.list : node.elseList, dot, out)
      else if (node.kind === 'with')
        this.run(isTrue(value) ? node.list : node.elseList, isTrue(value) ? value : dot, out)
      else this.range(node, value, dot, out)
    }
  }

  private range(node: BlockNode, value: unknown, dot: unknown, out: string[]): void {
    let elems: unknown[]
    if (value === undefined || value === null) elems = []
    else if (Array.isArray(value)) elems = value
    else if (typeof value === 'object') {
      const m = value as Record<string, unknown>
      elems = Object.keys(m)
        .sort()
        .map((k) => m[k]) // Go ranges over maps in key order
    } else throw this.error(`range can't iterate over ${printValue(value)}`)
    if (elems.length === 0) this.run(node.elseList, dot, out)
    for (const e of elems) this.run(node.list, e, out)
  }

  private pipeline(pipe: Pipeline, dot: unknown): unknown {
    let value: unknown = NO_FINAL
    for (const cmd of pipe.cmds) value = this.command(cmd, dot, value)
    return value
  }

  private command(cmd: Command, dot: unknown, final: unknown): unknown {
    const [head, ...rest] = cmd.args
    const args = () => {
      const vals = rest.map((a) => this.operand(a, dot))
      if (final !== NO_FINAL) vals.push(final)
      return vals
    }
    if (head!.kind === 'func') {
      try {
        return this.funcs[head!.name]!(...args())
      } catch (err) {
        throw this.error(`error calling ${head!.name}: ${(err as Error).message}`, err)
      }
    }
    const hasArgs = rest.length > 0 || final !== NO_FINAL
    if (head!.kind === 'literal') {
      if (hasArgs)
        throw this.error(`can't give argument to non-function ${printValue(head!.value)}`)
      return head!.value
    }
    if (!hasArgs) return this.operand(head!, dot)
    // A field chain with arguments is a method call on its last element.
    const path = head!.path
    if (path.length === 0) throw this.error(`can't give argument to non-function ${head!.kind}`)
    const receiver = this.walk(this.base(head!, dot), path.slice(0, -1))
    const method = member(receiver, path.at(-1)!)
    if (typeof method !== 'function')
      throw this.error(`${path.at(-1)} is not a method but has arguments`)
    return (method as TemplateFunc).apply(receiver, args())
  }

  private operand(op: Operand, dot: unknown): unknown {
    if (op.kind === 'literal') return op.value
    if (op.kind === 'func') return this.funcs[op.name]!()
    return this.walk(this.base(op, dot), op.path)
  }

  private base(op: Exclude<Operand, { kind: 'literal' | 'func' }>, dot: unknown): unknown {
    if (op.kind === 'field') return dot
    if (op.kind === 'var') return this.root
    return this.pipeline(op.pipe, dot)
  }

  private walk(value: unknown, path: string[]): unknown {
    let cur = value
    for (const name of path) {
      if (cur === null) throw this.error(`nil pointer evaluating .${name}`)
      if (cur !== undefined && typeof cur !== 'object')
        throw this.error(`can't evaluate field ${name} in type ${typeof cur}`)
      const m = member(cur, name)
      cur = typeof m === 'function' ? (m as TemplateFunc).call(cur) : m
    }
    return cur
  }

  private error(msg: string, cause?: unknown): Error {
    return new Error(`template: ${this.name}:${this.line}: executing "${this.name}": ${msg}`, {
      cause,
    })
  }
}

/** Returns a member of an object by Go name, falling back to the JSON (lower camel) name. */
function member(obj: unknown, name: string): unknown {
  if (obj === undefined || obj === null || typeof obj !== 'object') return undefined
  const o = obj as Record<string, unknown>
  if (name in o) return o[name]
  const json = name[0]!.toLowerCase() + name.slice(1)
  return Object.prototype.hasOwnProperty.call(o, json) ? o[json] : undefined
}
