import { ContainerFs } from '../container-fs.js'
import { FsError } from '../mem-fs.js'
import { readAll, type CommandFn, type ProcessContext } from '../process.js'

/** Reads the named files (or stdin for none / `-`), reporting missing ones as busybox does. */
async function inputs(
  ctx: ProcessContext,
  tool: string,
  files: string[]
): Promise<{ data: Buffer[]; failed: boolean }> {
  if (files.length === 0) return { data: [await readAll(ctx.stdin)], failed: false }
  const data: Buffer[] = []
  let failed = false
  for (const f of files) {
    if (f === '-') {
      data.push(await readAll(ctx.stdin))
      continue
    }
    try {
      data.push(ctx.fs.read(ContainerFs.abs(ctx.cwd, f)))
    } catch (err) {
      failed = true
      const why = err instanceof FsError ? err.message : String(err)
      ctx.stderr.write(
        err instanceof FsError && err.code === 'EISDIR'
          ? `${tool}: read error: ${why}\n`
          : `${tool}: can't open '${f}': ${why}\n`
      )
    }
  }
  return { data, failed }
}

/** Splits text into lines, keeping whether the last one ended with a newline. */
function lines(b: Buffer): string[] {
  const t = b.toString()
  if (t === '') return []
  const out = t.split('\n')
  if (out[out.length - 1] === '') out.pop()
  return out
}

const cat: CommandFn = async (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a !== '-u')
  if (files.length === 0) {
    for await (const c of ctx.stdin) ctx.stdout.write(c)
    return 0
  }
  const { data, failed } = await inputs(ctx, 'cat', files)
  for (const d of data) ctx.stdout.write(d)
  return failed ? 1 : 0
}

const grep: CommandFn = async (ctx) => {
  let invert = false
  let ignoreCase = false
  let count = false
  let quiet = false
  let fixed = false
  let onlyName = false
  let pattern: string | undefined
  const files: string[] = []
  const args = ctx.argv.slice(1)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '-e') pattern = args[++i]
    else if (/^-[a-zA-Z]+$/.test(a) && pattern === undefined) {
      for (const f of a.slice(1)) {
        if (f === 'v') invert = true
        else if (f === 'i') ignoreCase = true
        else if (f === 'c') count = true
        else if (f === 'q') quiet = true
        else if (f === 'F') fixed = true
        else if (f === 'l') onlyName = true
        else if (f !== 'E') {
          ctx.stderr.write(`grep: unrecognized option: ${f}\n`)
          return 2
        }
      }
    } else if (pattern === undefined) pattern = a
    else files.push(a)
  }
  if (pattern === undefined) {
    ctx.stderr.write(
      'BusyBox v1.31.1 multi-call binary.\n\nUsage: grep [-HhnlLoqvsriwFE] [-m N] [-A/B/C N] PATTERN/-e PATTERN.../-f FILE [FILE]...\n'
    )
    return 2
  }
  const src = fixed ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern
  const re = new RegExp(src, ignoreCase ? 'i' : '')
  const { data, failed } = await inputs(ctx, 'grep', files)
  let matched = 0
  data.forEach((d, i) => {
    const hits = lines(d).filter((l) => re.test(l) !== invert)
    matched += hits.length
    if (quiet) return
    const prefix = files.length > 1 ? `${files[i]}:` : ''
    if (onlyName) {
      if (hits.length) ctx.stdout.write(`${files[i] ?? '(standard input)'}\n`)
    } else if (count) ctx.stdout.write(`${prefix}${hits.length}\n`)
    else for (const h of hits) ctx.stdout.write(`${prefix}${h}\n`)
  })
  if (failed) return 2
  return matched > 0 ? 0 : 1
}

function headTail(tail: boolean): CommandFn {
  return async (ctx) => {
    let n = 10
    let bytes: number | undefined
    const files: string[] = []
    const args = ctx.argv.slice(1)
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!
      if (a === '-n') n = Number(args[++i])
      else if (a === '-c') bytes = Number(args[++i])
      else if (/^-n?\d+$/.test(a)) n = Number(a.replace(/^-n?/, ''))
      else if (/^-c\d+$/.test(a)) bytes = Number(a.slice(2))
      else files.push(a)
    }
    const tool = tail ? 'tail' : 'head'
    const { data, failed } = await inputs(ctx, tool, files)
    for (const d of data) {
      if (bytes !== undefined) {
        ctx.stdout.write(tail ? d.subarray(Math.max(0, d.length - bytes)) : d.subarray(0, bytes))
        continue
      }
      const ls = lines(d)
      const shown = tail ? ls.slice(Math.max(0, ls.length - n)) : ls.slice(0, n)
      const endsNl = d.toString().endsWith('\n')
      shown.forEach((l, i) => {
        const lastOfInput = tail
          ? i === shown.length - 1
          : ls.length === shown.length && i === shown.length - 1
        ctx.stdout.write(lastOfInput && !endsNl ? l : `${l}\n`)
      })
    }
    return failed ? 1 : 0
  }
}

const wc: CommandFn = async (ctx) => {
  const flags = ctx.argv
    .slice(1)
    .filter((a) => a.startsWith('-'))
    .join('')
    .replace(/-/g, '')
  const files = ctx.argv.slice(1).filter((a) => !a.startsWith('-'))
  const { data, failed } = await inputs(ctx, 'wc', files)
  const want = flags ? [...'lwc'].filter((f) => flags.includes(f)) : ['l', 'w', 'c']
  const rows = data.map((d) => {
    const t = d.toString()
    const counts: Record<string, number> = {
      l: (t.match(/\n/g) ?? []).length,
      w: t.split(/\s+/).filter(Boolean).length,
      c: d.length,
    }
    return want.map((f) => counts[f]!)
  })
  const only = want.length === 1 && files.length <= 1
  rows.forEach((r, i) => {
    const cells = only ? r.map(String) : r.map((v) => String(v).padStart(7))
    ctx.stdout.write(`${cells.join(' ')}${files[i] ? ` ${files[i]}` : ''}\n`)
  })
  return failed ? 1 : 0
}

/** printf FORMAT [ARG]…: `%s`, `%d`, `%%`, and `\\n`/`\\t` escapes; the format repeats while arguments remain. */
const printf: CommandFn = async (ctx) => {
  const [fmt, ...args] = ctx.argv.slice(1)
  if (fmt === undefined) {
    ctx.stderr.write('BusyBox v1.31.1 multi-call binary.\n\nUsage: printf FORMAT [ARG]...\n')
    return 1
  }
  const esc = (t: string) =>
    t.replace(
      /\\([ntr\\])/g,
      (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c
    )
  let i = 0
  do {
    ctx.stdout.write(
      esc(fmt).replace(/%([-0-9]*)([sdx%])/g, (_m, w: string, c: string) => {
        if (c === '%') return '%'
        const a = args[i++] ?? ''
        const v =
          c === 'd'
            ? String(Number.parseInt(a || '0', 10))
            : c === 'x'
              ? Number.parseInt(a || '0', 10).toString(16)
              : a
        const width = Number.parseInt(w || '0', 10)
        return w.startsWith('-') ? v.padEnd(-width) : v.padStart(width)
      })
    )
  } while (i > 0 && i < args.length)
  return 0
}

/** Text tools: cat, grep, head, tail, wc, printf. */
export const TEXT_COMMANDS: Record<string, CommandFn> = {
  cat,
  grep,
  head: headTail(false),
  tail: headTail(true),
  wc,
  printf,
}
