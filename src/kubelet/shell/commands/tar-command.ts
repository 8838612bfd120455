import { posix } from 'node:path'
import { ContainerFs } from '../container-fs.js'
import { FsError } from '../mem-fs.js'
import { readAll, type CommandFn, type ProcessContext } from '../process.js'

/** One ustar member. */
interface Entry {
  name: string
  type: 'file' | 'dir'
  mode: number
  mtime: Date
  data: Buffer
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`
}

/** Encodes members as a ustar archive (two zero blocks at the end). */
export function writeTar(entries: Entry[]): Buffer {
  const blocks: Buffer[] = []
  for (const e of entries) {
    const h = Buffer.alloc(512)
    let name = e.type === 'dir' && !e.name.endsWith('/') ? `${e.name}/` : e.name
    let prefix = ''
    if (name.length > 100) {
      const cut = name.lastIndexOf('/', name.length - 2)
      prefix = name.slice(0, cut)
      name = name.slice(cut + 1)
    }
    h.write(name, 0, 100, 'utf8')
    h.write(octal(e.mode & 0o7777, 8), 100, 'latin1')
    h.write(octal(0, 8), 108, 'latin1')
    h.write(octal(0, 8), 116, 'latin1')
    h.write(octal(e.type === 'file' ? e.data.length : 0, 12), 124, 'latin1')
    h.write(octal(Math.floor(e.mtime.getTime() / 1000), 12), 136, 'latin1')
    h.write('        ', 148, 'latin1')
    h.write(e.type === 'dir' ? '5' : '0', 156, 'latin1')
    h.write('ustar\0', 257, 'latin1')
    h.write('00', 263, 'latin1')
    h.write('root', 265, 'latin1')
    h.write('root', 297, 'latin1')
    h.write(prefix, 345, 155, 'utf8')
    let sum = 0
    for (const b of h) sum += b
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1')
    blocks.push(h)
    if (e.type === 'file') {
      blocks.push(e.data)
      const pad = (512 - (e.data.length % 512)) % 512
      if (pad) blocks.push(Buffer.alloc(pad))
    }
  }
  blocks.push(Buffer.alloc(1024))
  return Buffer.concat(blocks)
}

/** Decodes a ustar (or GNU/pax-plain) archive; throws on a bad checksum. */
export function readTar(b: Buffer): Entry[] {
  const out: Entry[] = []
  let at = 0
  let longName: string | undefined
  while (at + 512 <= b.length) {
    const h = b.subarray(at, at + 512)
    if (h.every((x) => x === 0)) break
    const str = (o: number, n: number) => h.toString('utf8', o, o + n).replace(/\0.*$/s, '')
    const num = (o: number, n: number) => parseInt(str(o, n).trim() || '0', 8)
    let sum = 0
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!
    if (sum !== num(148, 8)) throw new Error('invalid tar header checksum')
    const size = num(124, 12)
    const type = String.fromCharCode(h[156]! || 48)
    const prefix = str(345, 155)
    const name = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100))
    longName = undefined
    const data = b.subarray(at + 512, at + 512 + size)
    at += 512 + Math.ceil(size / 512) * 512
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0.*$/s, '')
      continue
    }
    if (type === 'x' || type === 'g') continue
    if (type !== '0' && type !== '5' && type !== '7') continue
    out.push({
      name,
      type: type === '5' ? 'dir' : 'file',
      mode: num(100, 8),
      mtime: new Date(num(136, 12) * 1000),
      data: Buffer.from(data),
    })
  }
  return out
}

function collect(ctx: ProcessContext, base: string, rel: string, out: Entry[]): void {
  const full = ContainerFs.abs(base, rel)
  const st = ctx.fs.stat(full)
  if (!st) throw new FsError('ENOENT')
  const name = rel.replace(/^\/+/, '')
  if (st.type === 'dir') {
    out.push({ name, type: 'dir', mode: st.mode, mtime: st.mtime, data: Buffer.alloc(0) })
    for (const c of ctx.fs.readdir(full)) collect(ctx, base, posix.join(rel, c), out)
  } else out.push({ name, type: 'file', mode: st.mode, mtime: st.mtime, data: ctx.fs.read(full) })
}

/** busybox tar: `c`, `x`, `t` with `f -`, `-C DIR`, `v`; enough for `kubectl cp` both ways. */
const tar: CommandFn = async (ctx) => {
  const args = ctx.argv.slice(1)
  let mode: 'c' | 'x' | 't' | undefined
  let file: string | undefined
  let dir = ctx.cwd
  let verbose = false
  const names: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '-C') dir = ContainerFs.abs(ctx.cwd, args[++i] ?? '.')
    else if (a.startsWith('--')) continue
    else if ((i === 0 && /^[cxtvfmzpo]+$/.test(a)) || /^-[cxtvfmzpo]+$/.test(a)) {
      for (const f of a.replace(/^-/, '')) {
        if (f === 'c' || f === 'x' || f === 't') mode = f
        else if (f === 'v') verbose = true
        else if (f === 'f') file = args[++i]
      }
    } else names.push(a)
  }
  if (!mode) {
    ctx.stderr.write('tar: need to specify one of -c, -x or -t\n')
    return 1
  }
  if (mode === 'c') {
    const entries: Entry[] = []
    for (const n of names) {
      if (n.startsWith('/')) ctx.stderr.write("tar: removing leading '/' from member names\n")
      try {
        collect(ctx, dir, n, entries)
      } catch {
        ctx.stderr.write(`tar: ${n}: No such file or directory\n`)
        return 1
      }
    }
    if (verbose)
      for (const e of entries) ctx.stderr.write(`${e.name}${e.type === 'dir' ? '/' : ''}\n`)
    const archive = writeTar(entries)
    if (!file || file === '-') ctx.stdout.write(archive)
    else ctx.fs.write(ContainerFs.abs(ctx.cwd, file), archive)
    return 0
  }
  const input =
    !file || file === '-' ? await readAll(ctx.stdin) : ctx.fs.read(ContainerFs.abs(ctx.cwd, file))
  let entries: Entry[]
  try {
    entries = readTar(input)
  } catch {
    ctx.stderr.write('tar: invalid tar magic\n')
    return 1
  }
  for (const e of entries) {
    if (mode === 't' || verbose) ctx.stdout.write(`${e.name}\n`)
    if (mode === 't') continue
    const target = ContainerFs.abs(dir, e.name)
    try {
      if (e.type === 'dir') ctx.fs.mkdir(target, true)
      else {
        ctx.fs.mkdir(posix.dirname(target), true)
        ctx.fs.write(target, e.data, { mode: e.mode || 0o644 })
      }
    } catch (err) {
      ctx.stderr.write(
        `tar: can't open '${e.name}': ${err instanceof FsError ? err.message : String(err)}\n`
      )
      return 1
    }
  }
  return 0
}

/** The archiver. */
export const TAR_COMMANDS: Record<string, CommandFn> = { tar }
