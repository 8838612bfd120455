import { posix } from 'node:path'
import { ContainerFs } from './container-fs.js'
import { echoText } from './echo-text.js'
import { FsError } from './mem-fs.js'
import {
  Collect,
  NO_INPUT,
  Pipe,
  type CommandFn,
  type Output,
  type ProcessContext,
} from './process.js'
import type { AndOr, Command, CommandList, Pipeline, Redirect } from './shell-ast.js'
import { expandOne, expandWord, type ExpandEnv } from './shell-expand.js'
import { parseShell, ShellSyntaxError } from './shell-parser.js'
import { testExpression } from './test-builtin.js'

/** Thrown by `exit`: ends the shell with a code. */
export class ShellExit extends Error {
  readonly code: number
  constructor(code: number) {
    super(`exit ${code}`)
    this.code = code
  }
}

interface Io {
  stdin: AsyncIterable<Buffer>
  stdout: Output
  stderr: Output
}

const DISCARD: Output = { write: () => undefined }
const BIN_DIRS = new Set([
  '/bin',
  '/usr/bin',
  '/sbin',
  '/usr/sbin',
  '/usr/local/bin',
  '/usr/local/sbin',
])

/**
 * A POSIX-like shell (busybox ash's behaviour and messages for what scripts use): lists with
 * `;`, `&&`, `||`, `&`, pipelines, subshells and groups, redirections (`>`, `>>`, `<`, `2>&1`),
 * parameters (`$V`, `${V:-x}`, `$?`), command substitution, globbing, and the builtins `cd`,
 * `export`, `unset`, `exit`, `pwd`, `echo`, `test`/`[`, `true`, `false`, `:`, `exec`, `set`.
 */
export class Shell {
  /** The exit status of the last command (`$?`). */
  status = 0
  cwd: string
  private vars = new Map<string, string>()
  private exported = new Set<string>()
  private base: ProcessContext
  private commands: ReadonlyMap<string, CommandFn>

  constructor(base: ProcessContext, commands: ReadonlyMap<string, CommandFn>) {
    this.base = base
    this.commands = commands
    this.cwd = base.cwd
    for (const [k, v] of Object.entries(base.env)) {
      this.vars.set(k, v)
      this.exported.add(k)
    }
  }

  /** Parses and runs a script; syntax errors print as sh prints them and give status 2. */
  async runScript(source: string, io: Io, name = 'sh'): Promise<number> {
    let list: CommandList
    try {
      list = parseShell(source)
    } catch (err) {
      if (!(err instanceof ShellSyntaxError)) throw err
      io.stderr.write(`${name}: ${err.message}\n`)
      this.status = 2
      return 2
    }
    return this.runList(list, io)
  }

  /** Runs a command list. ShellExit propagates to the caller. */
  async runList(list: CommandList, io: Io): Promise<number> {
    for (const ao of list) {
      if (this.base.signal.aborted) break
      if (ao.background) {
        void this.andOr(ao, { ...io, stdin: NO_INPUT }).catch(() => undefined)
        this.status = 0
        continue
      }
      this.status = await this.andOr(ao, io)
    }
    return this.status
  }

  private async andOr(ao: AndOr, io: Io): Promise<number> {
    let status = await this.pipeline(ao.first, io)
    for (const { op, pipeline } of ao.rest) {
      this.status = status
      if ((op === '&&') === (status === 0)) status = await this.pipeline(pipeline, io)
    }
    return status
  }

  private async pipeline(p: Pipeline, io: Io): Promise<number> {
    if (p.commands.length === 1) {
      const s = await this.command(p.commands[0]!, io)
      return p.negate ? Number(s === 0) : s
    }
    const runs: Promise<number>[] = []
    let input = io.stdin
    p.commands.forEach((c, i) => {
      const last = i === p.commands.length - 1
      const pipe = last ? undefined : new Pipe()
      const out = pipe ?? io.stdout
      runs.push(
        this.fork()
          .command(c, { stdin: input, stdout: out, stderr: io.stderr })
          .finally(() => pipe?.end())
      )
      if (pipe) input = pipe
    })
    const codes = await Promise.all(runs)
    const s = codes[codes.length - 1]!
    return p.negate ? Number(s === 0) : s
  }

  /** A subshell: the same variables and directory, changes stay inside. */
  fork(): Shell {
    const s = new Shell({ ...this.base, env: {} }, this.commands)
    s.vars = new Map(this.vars)
    s.exported = new Set(this.exported)
    s.cwd = this.cwd
    s.status = this.status
    return s
  }

  private expandEnv(): ExpandEnv {
    return {
      get: (n) => this.variable(n),
      set: (n, v) => void this.vars.set(n, v),
      substitute: async (src) => {
        const out = new Collect()
        const sub = this.fork()
        try {
          await sub.runScript(src, { stdin: NO_INPUT, stdout: out, stderr: this.base.stderr })
        } catch (err) {
          if (!(err instanceof ShellExit)) throw err
        }
        this.status = sub.status
        return out.text()
      },
      fs: this.base.fs,
      cwd: this.cwd,
    }
  }

  private variable(n: string): string | undefined {
    if (n === '?') return String(this.status)
    if (n === '$') return '1'
    if (n === '#') return '0'
    if (n === '0') return 'sh'
    return this.vars.get(n)
  }

  private async command(c: Command, io: Io): Promise<number> {
    let redirected: Io
    try {
      redirected = await this.redirect(c.redirects, io)
    } catch (err) {
      io.stderr.write(`sh: ${err instanceof Error ? err.message : String(err)}\n`)
      return 1
    }
    if (c.type === 'for') {
      let status = 0
      const env = this.expandEnv()
      const items: string[] = []
      for (const w of c.words) items.push(...(await expandWord(w, env)))
      for (const item of items) {
        if (this.base.signal.aborted) break
        this.vars.set(c.name, item)
        status = await this.runList(c.body, redirected)
      }
      return status
    }
    if (c.type === 'if') {
      for (const clause of c.clauses) {
        if ((await this.runList(clause.cond, redirected)) === 0)
          return this.runList(clause.body, redirected)
      }
      return c.otherwise ? this.runList(c.otherwise, redirected) : 0
    }
    if (c.type === 'while') {
      let status = 0
      for (let n = 0; n < 1_000_000 && !this.base.signal.aborted; n++) {
        const ok = (await this.runList(c.cond, redirected)) === 0
        if (ok === c.until) break
        status = await this.runList(c.body, redirected)
        // Let timers and I/O run between iterations of a busy loop.
        if (n % 100 === 99) await new Promise((r) => setImmediate(r))
      }
      return status
    }
    if (c.type === 'group') {
      const sh = c.subshell ? this.fork() : this
      try {
        return await sh.runList(c.body, redirected)
      } catch (err) {
        if (c.subshell && err instanceof ShellExit) return err.code
        throw err
      }
    }
    const env = this.expandEnv()
    let words: string[]
    const assigns: [string, string][] = []
    try {
      for (const a of c.assigns) assigns.push([a.name, await expandOne(a.value, env)])
      words = []
      for (const w of c.words) words.push(...(await expandWord(w, env)))
    } catch (err) {
      redirected.stderr.write(`sh: ${err instanceof Error ? err.message : String(err)}\n`)
      return 1
    }
    if (words.length === 0) {
      for (const [k, v] of assigns) this.vars.set(k, v)
      return 0
    }
    return this.invoke(words, assigns, redirected)
  }

  private async invoke(words: string[], assigns: [string, string][], io: Io): Promise<number> {
    const [name, ...args] = words as [string, ...string[]]
    const builtin = await this.builtin(name, args, io)
    if (builtin !== undefined) return builtin
    const env: Record<string, string> = {}
    for (const k of this.exported) {
      const v = this.vars.get(k)
      if (v !== undefined) env[k] = v
    }
    for (const [k, v] of assigns) env[k] = v
    const ctx: ProcessContext = {
      ...this.base,
      argv: words,
      env,
      cwd: this.cwd,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
    }
    return runProgram(ctx, this.commands, (msg) => io.stderr.write(`sh: ${msg}\n`))
  }

  private async builtin(name: string, args: string[], io: Io): Promise<number | undefined> {
    switch (name) {
      case ':':
      case 'true':
        return 0
      case 'false':
        return 1
      case 'exit':
        throw new ShellExit(args[0] !== undefined ? Number(args[0]) & 255 : this.status)
      case 'pwd':
        io.stdout.write(`${this.cwd}\n`)
        return 0
      case 'cd': {
        const dest = ContainerFs.abs(this.cwd, args[0] ?? this.vars.get('HOME') ?? '/')
        const st = this.base.fs.stat(dest)
        if (!st || st.type !== 'dir') {
          io.stderr.write(
            `sh: cd: can't cd to ${args[0] ?? ''}: ${st ? 'Not a directory' : 'No such file or directory'}\n`
          )
          return 2
        }
        this.cwd = dest
        return 0
      }
      case 'export':
        for (const a of args) {
          const eq = a.indexOf('=')
          const k = eq < 0 ? a : a.slice(0, eq)
          if (eq >= 0) this.vars.set(k, a.slice(eq + 1))
          this.exported.add(k)
        }
        return 0
      case 'unset':
        for (const a of args) {
          this.vars.delete(a)
          this.exported.delete(a)
        }
        return 0
      case 'set':
        return 0
      case 'echo':
        return echo(args, io.stdout)
      case 'test':
      case '[': {
        if (name === '[') {
          if (args[args.length - 1] !== ']') {
            io.stderr.write('sh: missing ]\n')
            return 2
          }
          args = args.slice(0, -1)
        }
        return testExpression(args, this.base.fs, this.cwd, (m) => io.stderr.write(`sh: ${m}\n`))
      }
      case 'exec':
        if (args.length === 0) return 0
        throw new ShellExit(await this.invoke(args, [], io))
    }
    return undefined
  }

  private async redirect(rs: Redirect[], io: Io): Promise<Io> {
    const out = { ...io }
    const fdOut = (fd: number): Output => (fd === 2 ? out.stderr : out.stdout)
    for (const r of rs) {
      const target = await expandOne(r.target, this.expandEnv())
      if (r.op === '>&') {
        const to = target === '1' ? out.stdout : target === '2' ? out.stderr : undefined
        if (!to) throw new Error(`${target}: bad file descriptor`)
        if (r.fd === 2) out.stderr = to
        else out.stdout = to
        continue
      }
      if (r.op === '<') {
        out.stdin = this.inputFile(target)
        continue
      }
      const file = this.outputFile(target, r.op === '>>')
      if (r.fd === 2) out.stderr = file
      else if (r.fd === 1) out.stdout = file
      void fdOut
    }
    return out
  }

  private inputFile(target: string): AsyncIterable<Buffer> {
    if (target === '/dev/null') return NO_INPUT
    let data: Buffer
    try {
      data = this.base.fs.read(ContainerFs.abs(this.cwd, target))
    } catch (err) {
      throw new Error(
        `can't open '${target}': ${err instanceof FsError ? err.message : String(err)}`
      )
    }
    return {
      async *[Symbol.asyncIterator]() {
        yield data
      },
    }
  }

  private outputFile(target: string, append: boolean): Output {
    if (target === '/dev/null') return DISCARD
    if (target === '/dev/stdout') return this.base.stdout
    if (target === '/dev/stderr') return this.base.stderr
    const path = ContainerFs.abs(this.cwd, target)
    const fs = this.base.fs
    try {
      if (!fs.stat(posix.dirname(path)))
        throw new Error(`can't create ${target}: nonexistent directory`)
      fs.write(path, Buffer.alloc(0), { append })
    } catch (err) {
      if (err instanceof FsError) throw new Error(`can't create ${target}: ${err.message}`)
      throw err
    }
    return {
      write: (c) => fs.write(path, typeof c === 'string' ? Buffer.from(c) : c, { append: true }),
    }
  }
}

/** busybox echo: `-n` drops the newline, `-e` interprets escapes. */
function echo(args: string[], out: Output): number {
  out.write(echoText(args))
  return 0
}

/**
 * Runs a program by name or path: a command of the image, or a script file (`#!` → sh).
 * `notFound` reports a missing program (`<name>: not found`); the result is then 127.
 */
export async function runProgram(
  ctx: ProcessContext,
  commands: ReadonlyMap<string, CommandFn>,
  notFound: (message: string) => void
): Promise<number> {
  const name = ctx.argv[0] ?? ''
  const base = posix.basename(name)
  const inBin = !name.includes('/') || BIN_DIRS.has(posix.dirname(ContainerFs.abs('/', name)))
  const fn = inBin && ctx.sys.hasCommand(base) ? commands.get(base) : undefined
  if (fn) {
    const proc = ctx.sys.spawn(ctx.argv.join(' '))
    try {
      return await fn(ctx)
    } finally {
      proc.exit()
    }
  }
  if (name.includes('/')) {
    const path = ContainerFs.abs(ctx.cwd, name)
    const st = ctx.fs.stat(path)
    if (st?.type === 'file') {
      if ((st.mode & 0o111) === 0) {
        notFound(`${name}: Permission denied`)
        return 126
      }
      if (ctx.sys.hasCommand('sh')) return ctx.shell([path, ...ctx.argv.slice(1)], ctx)
    }
  }
  notFound(`${name}: not found`)
  return 127
}
