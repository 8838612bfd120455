import { ContainerFs } from './container-fs.js'
import type { CommandFn, Output, ProcessContext } from './process.js'
import { Shell, ShellExit } from './shell-interpreter.js'
import { needsMoreInput } from './shell-parser.js'

/** Converts `\n` to `\r\n`, as a terminal's output post-processing (onlcr) does. */
function crlf(o: Output): Output {
  return {
    write: (c) =>
      o.write(Buffer.from((typeof c === 'string' ? c : c.toString()).replace(/\r?\n/g, '\r\n'))),
  }
}

/** Runs a shell to its end; `exit N` gives N. */
async function run(sh: Shell, f: () => Promise<number>): Promise<number> {
  try {
    return await f()
  } catch (err) {
    if (err instanceof ShellExit) return err.code
    throw err
  }
}

/**
 * `sh`: `-c SCRIPT [NAME ARGS…]`, a script file, or commands read from stdin: line by line as
 * they arrive, or, on a terminal, interactively with a `/ # ` prompt and line editing
 * (backspace, Ctrl-C, Ctrl-D, Ctrl-U).
 */
export function shellCommand(commands: () => ReadonlyMap<string, CommandFn>): CommandFn {
  return async (ctx: ProcessContext) => {
    const args = ctx.argv.slice(1)
    const sh = new Shell(ctx, commands())
    const io = { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr }
    if (args[0] === '-c') {
      if (args[1] === undefined) {
        ctx.stderr.write('sh: -c requires an argument\n')
        return 2
      }
      return run(sh, () => sh.runScript(args[1]!, io))
    }
    const file = args.find((a) => !a.startsWith('-'))
    if (file) {
      let text: string
      try {
        text = ctx.fs.read(ContainerFs.abs(ctx.cwd, file)).toString()
      } catch {
        ctx.stderr.write(`sh: can't open '${file}': No such file or directory\n`)
        return 2
      }
      return run(sh, () => sh.runScript(text.replace(/^#!.*\n/, ''), io))
    }
    if (ctx.tty) return interactive(sh, ctx)
    return run(sh, async () => {
      let pending = ''
      for await (const chunk of ctx.stdin) {
        pending += chunk.toString()
        let nl: number
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl + 1)
          if (needsMoreInput(line)) break
          pending = pending.slice(nl + 1)
          await sh.runScript(line, io)
        }
      }
      if (pending.trim()) await sh.runScript(pending, io)
      return sh.status
    })
  }
}

async function interactive(sh: Shell, ctx: ProcessContext): Promise<number> {
  const out = crlf(ctx.stdout)
  const prompt = () => out.write(`${sh.cwd === '/' ? '/' : sh.cwd.split('/').pop()} # `)
  let line = ''
  let buffered = ''
  let escape = ''
  prompt()
  for await (const chunk of ctx.stdin) {
    for (const ch of chunk.toString()) {
      // Escape sequences (arrow keys, function keys) are read and dropped: no history or cursor moves.
      if (escape) {
        escape += ch
        if (escape.length > 2 && /[A-Za-z~]/.test(ch)) escape = ''
        else if (escape.length === 2 && ch !== '[' && ch !== 'O') escape = ''
        continue
      }
      if (ch === '\x1b') {
        escape = ch
        continue
      }
      if (ch === '\r' || ch === '\n') {
        out.write('\n')
        const script = buffered + line
        line = ''
        if (needsMoreInput(script + '\n')) {
          buffered = script + '\n'
          out.write('> ')
          continue
        }
        buffered = ''
        try {
          await sh.runScript(script, { stdin: emptyInput(), stdout: out, stderr: out })
        } catch (err) {
          if (err instanceof ShellExit) return err.code
          throw err
        }
        if (ctx.signal.aborted) return sh.status
        prompt()
      } else if (ch === '\x7f' || ch === '\b') {
        if (line) {
          line = line.slice(0, -1)
          ctx.stdout.write('\b \b')
        }
      } else if (ch === '\x03') {
        line = ''
        buffered = ''
        out.write('^C\n')
        prompt()
      } else if (ch === '\x15') {
        ctx.stdout.write('\b \b'.repeat(line.length))
        line = ''
      } else if (ch === '\x04') {
        if (line === '') {
          out.write('exit\n')
          return sh.status
        }
      } else if (ch >= ' ' || ch === '\t') {
        line += ch
        ctx.stdout.write(ch)
      }
    }
  }
  return sh.status
}

function emptyInput(): AsyncIterable<Buffer> {
  return {
    async *[Symbol.asyncIterator]() {
      // Commands typed at the prompt read nothing: the terminal belongs to the shell.
    },
  }
}
