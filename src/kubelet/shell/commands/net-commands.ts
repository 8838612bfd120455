import { posix } from 'node:path'
import { ContainerFs } from '../container-fs.js'
import type { CommandFn } from '../process.js'

const curl: CommandFn = (ctx) =>
  ctx.sys.curl(ctx.argv.slice(1), ctx.stdout, ctx.stderr, ctx.signal, ctx.tty === true)

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

/** busybox wget: `-q`, `-O file|-`, `-T secs`, `--spider`, `--header`, `--post-data`. */
const wget: CommandFn = async (ctx) => {
  let quiet = false
  let out: string | undefined
  let timeout = 900
  let spider = false
  let body: string | undefined
  const headers: Record<string, string> = {}
  let url: string | undefined
  const args = ctx.argv.slice(1)
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '-q') quiet = true
    else if (a === '-O') out = args[++i]
    else if (a.startsWith('-O')) out = a.slice(2)
    else if (/^-q?O-?$/.test(a) || a === '-qO-') {
      quiet = true
      out = '-'
    } else if (a === '-T') timeout = Number(args[++i])
    else if (a === '--spider') spider = true
    else if (a === '--header') {
      const h = args[++i] ?? ''
      headers[h.slice(0, h.indexOf(':')).trim().toLowerCase()] = h.slice(h.indexOf(':') + 1).trim()
    } else if (a.startsWith('--post-data=')) body = a.slice(12)
    else if (/^-[qO-]+$/.test(a)) {
      if (a.includes('q')) quiet = true
      if (a.endsWith('O-')) out = '-'
    } else url = a
  }
  if (!url) {
    ctx.stderr.write(
      'BusyBox v1.31.1 multi-call binary.\n\nUsage: wget [-c|--continue] [--spider] [-q|--quiet] [-O|--output-document FILE] URL...\n'
    )
    return 1
  }
  const full = /^\w+:\/\//.test(url) ? url : `http://${url}`
  let parsed: URL
  try {
    parsed = new URL(full)
  } catch {
    ctx.stderr.write(`wget: bad address '${url}'\n`)
    return 1
  }
  const port = parsed.port || '80'
  if (!quiet) {
    const ips = await ctx.sys.resolve(parsed.hostname)
    ctx.stderr.write(
      `Connecting to ${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''} (${ips[0] ?? parsed.hostname}:${port})\n`
    )
  }
  try {
    const res = await ctx.sys.fetch(full, {
      method: body !== undefined ? 'POST' : spider ? 'HEAD' : 'GET',
      headers,
      ...(body !== undefined ? { body: Buffer.from(body) } : {}),
      timeoutMs: timeout * 1000,
    })
    if (res.status >= 400) {
      ctx.stderr.write(
        `wget: server returned error: HTTP/1.1 ${res.status} ${REASONS[res.status] ?? ''}\n`
      )
      return 1
    }
    if (spider) return 0
    if (out === '-') {
      ctx.stdout.write(res.body)
      return 0
    }
    const file = out ?? (posix.basename(parsed.pathname) || 'index.html')
    const path = ContainerFs.abs(ctx.cwd, file)
    if (out === undefined && ctx.fs.stat(path)) {
      ctx.stderr.write(`wget: can't open '${file}': File exists\n`)
      return 1
    }
    ctx.fs.write(path, res.body)
    if (!quiet)
      ctx.stderr.write(
        `saving to '${file}'\n${file.padEnd(20)} 100% |********************************| ${res.body.length}  0:00:00 ETA\n'${file}' saved\n`
      )
    return 0
  } catch (err) {
    const code = (err as { code?: string }).code
    if (code === 'ENOTFOUND') ctx.stderr.write(`wget: bad address '${parsed.host}'\n`)
    else if (code === 'ETIMEDOUT') ctx.stderr.write('wget: download timed out\n')
    else if (code === 'ECONNRESET')
      ctx.stderr.write('wget: error getting response: Connection reset by peer\n')
    else {
      const ips = await ctx.sys.resolve(parsed.hostname)
      ctx.stderr.write(
        `wget: can't connect to remote host (${ips[0] ?? parsed.hostname}): Connection refused\n`
      )
    }
    return 1
  }
}

/** busybox nslookup: the server, then the name's addresses. */
const nslookup: CommandFn = async (ctx) => {
  const name = ctx.argv.slice(1).find((a) => !a.startsWith('-'))
  if (!name) {
    ctx.stderr.write('BusyBox v1.31.1 multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n')
    return 1
  }
  const ns = ctx.sys.nameserver
  ctx.stdout.write(`Server:\t\t${ns}\nAddress:\t${ns}:53\n\n`)
  const ips = await ctx.sys.resolve(name)
  if (ips.length === 0) {
    ctx.stdout.write(`** server can't find ${name}: NXDOMAIN\n\n`)
    return 1
  }
  for (const ip of ips) ctx.stdout.write(`Name:\t${name}\nAddress: ${ip}\n`)
  ctx.stdout.write('\n')
  return 0
}

/** getent hosts NAME: `<ip>  <name>`; exit 2 when the name is unknown. */
const getent: CommandFn = async (ctx) => {
  const [db, ...keys] = ctx.argv.slice(1)
  if (db !== 'hosts' && db !== 'ahosts') {
    ctx.stderr.write(`Unknown database: ${db ?? ''}\n`)
    return 1
  }
  let missing = false
  for (const k of keys) {
    const ips = await ctx.sys.resolve(k)
    if (ips.length === 0) missing = true
    for (const ip of ips) ctx.stdout.write(`${ip.padEnd(15)} ${k}\n`)
  }
  return missing || keys.length === 0 ? 2 : 0
}

/** Network tools: curl (the network's engine), wget, nslookup, getent. */
export const NET_COMMANDS: Record<string, CommandFn> = { curl, wget, nslookup, getent }
