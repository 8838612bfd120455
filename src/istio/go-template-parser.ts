import { lexTemplate, type TemplateItem, type Token } from './go-template-lexer.js'

/**
 * The parse tree of the Go `text/template` subset the Istio 1.0 injector template uses: text,
 * output actions, `if`/`else if`/`else`, `range`/`else`, `with`, pipelines, parentheses and
 * function calls. Variable declarations, `define`/`template`/`block` are refused.
 */

/** A node of the parse tree. */
export type TemplateNode =
  { kind: 'text'; text: string } | { kind: 'action'; pipe: Pipeline; line: number } | BlockNode

/** An `if`, `range` or `with` block with its branches. */
export interface BlockNode {
  kind: 'if' | 'range' | 'with'
  pipe: Pipeline
  list: TemplateNode[]
  elseList: TemplateNode[]
  line: number
}

/** A pipeline: commands joined by `|`. */
export interface Pipeline {
  cmds: Command[]
}

/** One command of a pipeline: an operand followed by arguments. */
export interface Command {
  args: Operand[]
}

/** An operand of a command. */
export type Operand =
  | { kind: 'field'; path: string[] }
  | { kind: 'var'; name: string; path: string[] }
  | { kind: 'func'; name: string }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'pipe'; pipe: Pipeline; path: string[] }

/** The options of a parse: the template name (for messages), delimiters and known functions. */
export interface ParseOptions {
  name: string
  delims: [string, string]
  funcs: ReadonlySet<string>
}

type Frame = { node: BlockNode; inElse: boolean; chained: boolean }

/** Returns the parse tree of a template, or throws `template: <name>:<line>: …` as Go does. */
export function parseTemplate(src: string, opts: ParseOptions): TemplateNode[] {
  const root: TemplateNode[] = []
  const stack: Frame[] = []
  const target = (): TemplateNode[] => {
    const top = stack.at(-1)
    if (!top) return root
    return top.inElse ? top.node.elseList : top.node.list
  }
  for (const item of lexTemplate(src, opts.name, opts.delims)) {
    if (item.kind === 'text') {
      target().push({ kind: 'text', text: item.text })
      continue
    }
    const fail = (msg: string) => new Error(`template: ${opts.name}:${item.line}: ${msg}`)
    const [first, ...rest] = item.tokens
    const keyword = first?.t === 'ident' ? first.name : undefined
    if (keyword === 'if' || keyword === 'range' || keyword === 'with') {
      const node: BlockNode = {
        kind: keyword,
        pipe: parsePipeline(rest, item, opts),
        list: [],
        elseList: [],
        line: item.line,
      }
      target().push(node)
      stack.push({ node, inElse: false, chained: false })
    } else if (keyword === 'else') {
      const top = stack.at(-1)
      if (!top || top.inElse) throw fail('unexpected {{else}}')
      top.inElse = true
      if (rest[0]?.t === 'ident' && rest[0].name === 'if') {
        // `else if x` is an `if` nested in the else branch that shares the outer `end`.
        const node: BlockNode = {
          kind: 'if',
          pipe: parsePipeline(rest.slice(1), item, opts),
          list: [],
          elseList: [],
          line: item.line,
        }
        top.node.elseList.push(node)
        stack.push({ node, inElse: false, chained: true })
      } else if (rest.length > 0) {
        throw fail('unexpected input after else')
      }
    } else if (keyword === 'end') {
      if (rest.length > 0) throw fail('unexpected input after end')
      let top = stack.pop()
      if (!top) throw fail('unexpected {{end}}')
      while (top.chained) top = stack.pop()!
    } else if (keyword === 'define' || keyword === 'template' || keyword === 'block') {
      throw fail(`{{${keyword}}} is not supported by the lab's template subset`)
    } else {
      if (item.tokens.length === 0) throw fail('missing value for command')
      target().push({
        kind: 'action',
        pipe: parsePipeline(item.tokens, item, opts),
        line: item.line,
      })
    }
  }
  if (stack.length > 0)
    throw new Error(`template: ${opts.name}:${stack[0]!.node.line}: unexpected EOF`)
  return root
}

/** Parses the tokens of one pipeline. */
function parsePipeline(tokens: Token[], item: TemplateItem, opts: ParseOptions): Pipeline {
  const fail = (msg: string) => new Error(`template: ${opts.name}:${item.line}: ${msg}`)
  let i = 0
  const pipeline = (closer: 'rparen' | 'end'): Pipeline => {
    const cmds: Command[] = []
    let args: Operand[] = []
    for (;;) {
      const tok = tokens[i]
      if (tok === undefined || tok.t === 'rparen') {
        if ((tok === undefined) !== (closer === 'end'))
          throw fail(tok ? 'unexpected ")"' : 'unclosed left paren')
        break
      }
      i++
      if (tok.t === 'pipe') {
        if (args.length === 0) throw fail('missing command before |')
        cmds.push({ args })
        args = []
      } else if (tok.t === 'declare') {
        throw fail("variable declarations are not supported by the lab's template subset")
      } else if (tok.t === 'lparen') {
        const inner = pipeline('rparen')
        const close = tokens[i++] as Extract<Token, { t: 'rparen' }>
        args.push({ kind: 'pipe', pipe: inner, path: close.path })
      } else {
        args.push(operand(tok))
      }
    }
    if (args.length === 0)
      throw fail(cmds.length ? 'missing command after |' : 'missing value for command')
    cmds.push({ args })
    return { cmds }
  }
  const operand = (
    tok: Exclude<Token, { t: 'pipe' | 'declare' | 'lparen' | 'rparen' }>
  ): Operand => {
    switch (tok.t) {
      case 'field':
        return { kind: 'field', path: tok.path }
      case 'var':
        if (tok.name !== '$') throw fail(`undefined variable "${tok.name}"`)
        return { kind: 'var', name: tok.name, path: tok.path }
      case 'ident':
        if (!opts.funcs.has(tok.name)) throw fail(`function "${tok.name}" not defined`)
        return { kind: 'func', name: tok.name }
      case 'string':
      case 'number':
      case 'bool':
        return { kind: 'literal', value: tok.value }
      case 'nil':
        return { kind: 'literal', value: null }
    }
  }
  return pipeline('end')
}
