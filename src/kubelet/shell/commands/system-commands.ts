import { posix } from 'node:path'
import { ContainerFs } from '../container-fs.js'
import { echoText } from '../echo-text.js'
import { FsError } from '../mem-fs.js'
import { sleep as wait, type CommandFn } from '../process.js'

const env: CommandFn = async (ctx) => {
  if (ctx.argv.length > 1) {
    const sets: Record<string, string> = {}
    let i = 1
    for (; i < ctx.argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(ctx.argv[i]!); i++) {
      const a = ctx.argv[i]!
      sets[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1)
    }
    if (i < ctx.argv.length)
      return ctx.shell(['-c', '"$@"', 'env', ...ctx.argv.slice(i)], {
        ...ctx,
        env: { ...ctx.env, ...sets },
      })
    for (const [k, v] of Object.entries({ ...ctx.env, ...sets })) ctx.stdout.write(`${k}=${v}\n`)
    return 0
  }
  for (const [k, v] of Object.entries(ctx.env)) ctx.stdout.write(`${k}=${v}\n`)
  return 0
}

const printenv: CommandFn = async (ctx) => {
  const names = ctx.argv.slice(1)
  if (names.length === 0) return env({ ...ctx, argv: ['env'] })
  let missing = false
  for (const n of names) {
    const v = ctx.env[n]
    if (v === undefined) missing = true
    else ctx.stdout.write(`${v}\n`)
  }
  return missing ? 1 : 0
}

/** Parses sleep's argument: seconds with an optional s/m/h/d suffix, `infinity`. */
function sleepMs(arg: string): number | undefined {
  if (arg === 'infinity' || arg === 'inf') return Number.POSITIVE_INFINITY
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg)
  if (!m) return undefined
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]!] ?? 1) * 1000
}

const sleep: CommandFn = async (ctx) => {
  if (ctx.argv.length < 2) {
    ctx.stderr.write('BusyBox v1.31.1 multi-call binary.\n\nUsage: sleep [N]...\n')
    return 1
  }
  let total = 0
  for (const a of ctx.argv.slice(1)) {
    const ms = sleepMs(a)
    if (ms === undefined) {
      ctx.stderr.write(`sleep: invalid number '${a}'\n`)
      return 1
    }
    total += ms
  }
  if (total === Number.POSITIVE_INFINITY)
    await new Promise<void>((r) => ctx.signal.addEventListener('abort', () => r(), { once: true }))
  else await wait(Math.min(total, 2 ** 31 - 1), ctx.signal)
  return ctx.signal.aborted ? 143 : 0
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const date: CommandFn = async (ctx) => {
  const d = ctx.sys.now()
  const p = (n: number) => String(n).padStart(2, '0')
  const fmt = ctx.argv.find((a) => a.startsWith('+'))
  if (fmt) {
    const out = fmt.slice(1).replace(
      /%([YmdHMSsZz%])/g,
      (_m, c: string) =>
        ({
          Y: String(d.getUTCFullYear()),
          m: p(d.getUTCMonth() + 1),
          d: p(d.getUTCDate()),
          H: p(d.getUTCHours()),
          M: p(d.getUTCMinutes()),
          S: p(d.getUTCSeconds()),
          s: String(Math.floor(d.getTime() / 1000)),
          Z: 'UTC',
          z: '+0000',
          '%': '%',
        })[c] ?? c
    )
    ctx.stdout.write(`${out}\n`)
    return 0
  }
  ctx.stdout.write(
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}\n`
  )
  return 0
}

const ps: CommandFn = async (ctx) => {
  const now = ctx.sys.now().getTime()
  ctx.stdout.write('PID   USER     TIME  COMMAND\n')
  for (const p of ctx.sys.processes()) {
    const secs = Math.max(0, Math.floor((now - p.startedAt.getTime()) / 1000))
    const time = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`
    ctx.stdout.write(
      `${String(p.pid).padStart(5)} ${p.user.padEnd(8)} ${time.padStart(5)} ${p.command}\n`
    )
  }
  return 0
}

const kill: CommandFn = async (ctx) => {
  let signal = 'TERM'
  const pids: string[] = []
  for (const a of ctx.argv.slice(1)) {
    if (/^-\w+$/.test(a)) signal = a.slice(1).replace(/^SIG/, '')
    else pids.push(a)
  }
  if (pids.length === 0) {
    ctx.stderr.write('BusyBox v1.31.1 multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n')
    return 1
  }
  let failed = false
  for (const p of pids) {
    if (!/^\d+$/.test(p) || !ctx.sys.kill(Number(p), signal)) {
      ctx.stderr.write(`sh: can't kill pid ${p}: No such process\n`)
      failed = true
    }
  }
  return failed ? 1 : 0
}

const hostname: CommandFn = async (ctx) => {
  ctx.stdout.write(`${ctx.sys.hostname}\n`)
  return 0
}

const id: CommandFn = async (ctx) => {
  ctx.stdout.write('uid=0(root) gid=0(root) groups=10(wheel)\n')
  return 0
}

const whoami: CommandFn = async (ctx) => {
  ctx.stdout.write('root\n')
  return 0
}

const uname: CommandFn = async (ctx) => {
  const all = ctx.argv.includes('-a')
  ctx.stdout.write(
    all ? `Linux ${ctx.sys.hostname} 4.15.0-lab #1 SMP x86_64 GNU/Linux\n` : 'Linux\n'
  )
  return 0
}

const ls: CommandFn = async (ctx) => {
  const flags = ctx.argv
    .slice(1)
    .filter((a) => /^-\w+$/.test(a))
    .join('')
  const paths = ctx.argv.slice(1).filter((a) => !/^-\w+$/.test(a))
  const long = flags.includes('l')
  const all = flags.includes('a')
  const one = flags.includes('1') || long || true
  let failed = false
  const targets = paths.length ? paths : ['.']
  const show = (name: string, full: string) => {
    if (!long) return `${name}\n`
    const st = ctx.fs.stat(full)
    const type = st?.type === 'dir' ? 'd' : '-'
    const mode = st?.mode ?? 0o644
    const perm = [6, 3, 0]
      .map(
        (s) =>
          ((mode >> s) & 4 ? 'r' : '-') +
          ((mode >> s) & 2 ? 'w' : '-') +
          ((mode >> s) & 1 ? 'x' : '-')
      )
      .join('')
    const m = st?.mtime ?? new Date(0)
    const when = `${MONTHS[m.getUTCMonth()]} ${String(m.getUTCDate()).padStart(2)} ${String(m.getUTCHours()).padStart(2, '0')}:${String(m.getUTCMinutes()).padStart(2, '0')}`
    return `${type}${perm}    1 root     root     ${String(st?.size ?? 0).padStart(8)} ${when} ${name}\n`
  }
  targets.forEach((t, idx) => {
    const full = ContainerFs.abs(ctx.cwd, t)
    const st = ctx.fs.stat(full)
    if (!st) {
      ctx.stderr.write(`ls: ${t}: No such file or directory\n`)
      failed = true
      return
    }
    if (st.type === 'file') return ctx.stdout.write(show(t, full))
    if (targets.length > 1) ctx.stdout.write(`${idx ? '\n' : ''}${t}:\n`)
    const names = ctx.fs.readdir(full).filter((n) => all || !n.startsWith('.'))
    if (long) ctx.stdout.write(`total ${names.length * 4}\n`)
    const shown = all ? ['.', '..', ...names] : names
    for (const n of shown) ctx.stdout.write(show(n, posix.join(full, n)))
    void one
  })
  return failed ? 1 : 0
}

/**
 * Runs `op` on each operand as busybox does, going on after a failure: `op` returns the message of
 * a refused operand, and a thrown error is reported after `prefix(operand)`. Returns 1 if any failed.
 */
function eachOperand(
  ctx: Parameters<CommandFn>[0],
  operands: string[],
  prefix: (operand: string) => string,
  op: (operand: string) => string | undefined
): number {
  let failed = false
  for (const operand of operands) {
    let message: string | undefined
    try {
      message = op(operand)
    } catch (err) {
      message = `${prefix(operand)}: ${err instanceof FsError ? err.message : String(err)}`
    }
    if (message !== undefined) {
      ctx.stderr.write(`${message}\n`)
      failed = true
    }
  }
  return failed ? 1 : 0
}

const mkdir: CommandFn = async (ctx) => {
  const parents = ctx.argv.includes('-p')
  return eachOperand(
    ctx,
    ctx.argv.slice(1).filter((a) => !a.startsWith('-')),
    (d) => `mkdir: can't create directory '${d}'`,
    (d) => void ctx.fs.mkdir(ContainerFs.abs(ctx.cwd, d), parents)
  )
}

const rm: CommandFn = async (ctx) => {
  const isFlag = (a: string) => /^-\w+$/.test(a)
  const flags = ctx.argv.slice(1).filter(isFlag).join('')
  return eachOperand(
    ctx,
    ctx.argv.slice(1).filter((a) => !isFlag(a)),
    (f) => `rm: can't remove '${f}'`,
    (f) => {
      const full = ContainerFs.abs(ctx.cwd, f)
      const st = ctx.fs.stat(full)
      if (!st)
        return flags.includes('f')
          ? undefined
          : `rm: can't remove '${f}': No such file or directory`
      if (st.type === 'dir' && !/[rR]/.test(flags)) return `rm: '${f}' is a directory`
      ctx.fs.remove(full, true)
      return undefined
    }
  )
}

const touch: CommandFn = async (ctx) =>
  eachOperand(
    ctx,
    ctx.argv.slice(1).filter((a) => !a.startsWith('-')),
    (f) => `touch: ${f}`,
    (f) => void ctx.fs.write(ContainerFs.abs(ctx.cwd, f), Buffer.alloc(0), { append: true })
  )

/** busybox echo as an applet (`echo` exec'd without a shell): `-n`, `-e`. */
const echo: CommandFn = async (ctx) => {
  ctx.stdout.write(echoText(ctx.argv.slice(1)))
  return 0
}

/** Process, identity and file tools: env, printenv, sleep, date, ps, kill, hostname, id, ls, mkdir, rm, touch. */
export const SYSTEM_COMMANDS: Record<string, CommandFn> = {
  echo,
  true: async () => 0,
  false: async () => 1,
  env,
  printenv,
  sleep,
  date,
  ps,
  kill,
  hostname,
  id,
  whoami,
  uname,
  ls,
  mkdir,
  rm,
  touch,
}
