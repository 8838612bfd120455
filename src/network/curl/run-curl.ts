import { STATUS_CODES } from 'node:http'
import type { FetchInit, HttpResponse, Origin } from '../types.js'
import { isUsageError, parseCurlArgs, type CurlOptions } from './curl-args.js'
import { CurlExit, curlFailure } from './curl-errors.js'
import { METER_HEADER, meterLine } from './progress-meter.js'
import { buildRequest } from './curl-request.js'
import { expandWriteOut, type TransferInfo } from './write-out.js'

/** The network as curl uses it: fetch, and (for `-v` and `%{remote_ip}`) name resolution. */
export interface CurlNetwork {
  fetch(origin: Origin, url: string, init?: FetchInit): Promise<HttpResponse>
  resolve?(origin: Origin, host: string): string[] | undefined
}

/** Where curl runs and where its output goes. */
export interface CurlContext {
  network: CurlNetwork
  origin: Origin
  stdout(chunk: Buffer | string): void
  stderr(chunk: string): void
  /** True when stdout is a terminal: curl then shows no progress meter. */
  tty?: boolean
  /** Writes `-o <file>` (in the container); throws when it cannot. Without it only /dev/null works. */
  writeFile?(path: string, data: Buffer): void
  /** Reads `-d @file` (in the container); throws when it cannot. */
  readFile?(path: string): Buffer
  /** Wall-clock milliseconds (injected in tests). */
  now?(): number
}

const VERSION = '7.88.1'

/**
 * Runs curl (7.88's flags, output and exit codes, see curl-args.ts) over the lab's network from
 * `ctx.origin`, and resolves with its exit code. Output goes to the sinks as curl writes it.
 */
export async function runCurl(argv: string[], ctx: CurlContext): Promise<number> {
  const parsed = parseCurlArgs(argv)
  if (isUsageError(parsed)) {
    ctx.stderr(parsed.lines.map((l) => `${l}\n`).join(''))
    return parsed.code
  }
  let code: number = CurlExit.ok
  for (const url of parsed.urls) code = await transfer(parsed, url, ctx)
  return code
}

async function transfer(o: CurlOptions, rawUrl: string, ctx: CurlContext): Promise<number> {
  const now = ctx.now ?? (() => performance.now())
  const t0 = now()
  const meter = !o.silent && !ctx.tty
  const showError = !o.silent || o.showError
  const err = (code: number, message: string) => {
    if (o.verbose) ctx.stderr(`* Closing connection 0\n`)
    if (showError) ctx.stderr(`curl: (${String(code)}) ${message}\n`)
    return code
  }
  if (meter) ctx.stderr(`${METER_HEADER}\r${meterLine(0, 0, 0, 0)}`)
  const info: TransferInfo = {
    httpCode: 0,
    method: '',
    urlEffective: rawUrl,
    url: rawUrl,
    remoteIp: '',
    remotePort: 0,
    sizeDownload: 0,
    sizeHeader: 0,
    sizeRequest: 0,
    sizeUpload: 0,
    contentType: '',
    numRedirects: 0,
    redirectUrl: '',
    timeTotal: 0,
    exitCode: 0,
    errorMsg: '',
    scheme: 'http',
  }
  const finish = (code: number, message = '') => {
    info.timeTotal = (now() - t0) / 1000
    info.exitCode = code
    info.errorMsg = message
    // A name that does not resolve ends the meter where it stands (curl 7.88 prints no last line).
    if (meter && code !== CurlExit.couldNotResolveHost)
      ctx.stderr(
        `\r${meterLine(info.sizeDownload, info.sizeDownload, info.sizeUpload, info.timeTotal)}\n`
      )
    const rc = code === CurlExit.ok ? code : err(code, message)
    if (o.writeOut !== undefined) {
      const w = expandWriteOut(o.writeOut, info)
      for (const line of w.warnings) ctx.stderr(`${line}\n`)
      ctx.stdout(w.text)
    }
    return rc
  }

  let url = /^[a-z][a-z0-9+.-]*:\/\//i.test(rawUrl) ? rawUrl : `http://${rawUrl}`
  let body: Buffer
  try {
    body = dataBody(o, ctx)
  } catch {
    return finish(CurlExit.readError, 'Failed to open/read local data from file/application')
  }
  let method = o.method ?? (o.head ? 'HEAD' : o.data.length ? 'POST' : 'GET')
  const deadline = o.maxTimeS !== undefined && o.maxTimeS > 0 ? t0 + o.maxTimeS * 1000 : undefined
  for (;;) {
    let u: URL
    try {
      u = new URL(url)
    } catch {
      return finish(CurlExit.badUrl, 'URL using bad/illegal format or missing URL')
    }
    const scheme = u.protocol.slice(0, -1)
    info.scheme = scheme
    info.urlEffective = u.href
    if (scheme !== 'http' && scheme !== 'https')
      return finish(
        CurlExit.unsupportedProtocol,
        `Protocol "${scheme}" not supported or disabled in libcurl`
      )
    const host = u.hostname
    const port = u.port ? Number(u.port) : scheme === 'https' ? 443 : 80
    const ips = ctx.network.resolve ? ctx.network.resolve(ctx.origin, host) : [host]
    if (!ips?.length) {
      if (o.verbose) ctx.stderr(`* Could not resolve host: ${host}\n`)
      return finish(CurlExit.couldNotResolveHost, `Could not resolve host: ${host}`)
    }
    const ip = ips[0]!
    if (o.verbose) ctx.stderr(`*   Trying ${ip}:${String(port)}...\n`)
    info.remoteIp = ip
    info.remotePort = port
    if (scheme === 'https') {
      // The lab's pods speak plain HTTP; a TLS handshake to them fails as against a plain port.
      info.remoteIp = ''
      return finish(
        CurlExit.sslConnect,
        `OpenSSL SSL_connect: Connection reset by peer in connection to ${host}:${String(port)} `
      )
    }
    const req = buildRequest(o, u, method, body, VERSION)
    info.method = method
    info.sizeRequest = req.size
    info.sizeUpload = body.length
    let res: HttpResponse
    const timeoutMs = deadline !== undefined ? Math.max(1, deadline - now()) : undefined
    try {
      res = await ctx.network.fetch(ctx.origin, u.href, {
        method,
        headers: req.headers,
        ...(body.length ? { body } : {}),
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      })
    } catch (e) {
      info.remoteIp = ''
      const f = curlFailure(e, { host, port, elapsedMs: now() - t0, received: 0 })
      if (o.verbose && f.code === CurlExit.couldNotConnect)
        ctx.stderr(
          `* connect to ${ip} port ${String(port)} failed: Connection refused\n* ${f.message}\n`
        )
      return finish(f.code, f.message)
    }
    if (o.verbose) {
      ctx.stderr(`* Connected to ${host} (${ip}) port ${String(port)} (#0)\n`)
      ctx.stderr(req.lines.map((l) => `> ${l}\r\n`).join('') + '> \r\n')
      if (body.length) ctx.stderr(`} [${String(body.length)} bytes data]\n`)
    }
    const head = [
      `HTTP/1.1 ${String(res.status)} ${STATUS_CODES[res.status] ?? ''}`,
      ...Object.entries(res.headers).map(([k, v]) => `${k}: ${v}`),
    ]
    const headText = head.map((l) => `${l}\r\n`).join('') + '\r\n'
    info.httpCode = res.status
    info.sizeHeader += Buffer.byteLength(headText)
    info.contentType = res.headers['content-type'] ?? ''
    if (o.verbose) ctx.stderr(head.map((l) => `< ${l}\r\n`).join('') + '< \r\n')
    const location = res.headers.location
    const redirect = location !== undefined && [301, 302, 303, 307, 308].includes(res.status)
    info.redirectUrl = redirect ? new URL(location, u).href : ''
    if (o.fail && res.status >= 400) {
      return finish(CurlExit.httpError, `The requested URL returned error: ${String(res.status)}`)
    }
    if (o.include || o.head) ctx.stdout(headText)
    const content = method === 'HEAD' ? Buffer.alloc(0) : res.body
    if (content.length && o.verbose) ctx.stderr(`{ [${String(content.length)} bytes data]\n`)
    info.sizeDownload += content.length
    if (!(o.location && redirect) && !o.head) {
      if (!writeBody(o, ctx, content))
        return finish(CurlExit.writeError, 'Failure writing output to destination')
    }
    if (o.location && redirect) {
      if (info.numRedirects >= o.maxRedirs)
        return finish(
          CurlExit.tooManyRedirects,
          `Maximum (${String(o.maxRedirs)}) redirects followed`
        )
      info.numRedirects++
      if (o.verbose) ctx.stderr(`* Issue another request to this URL: '${info.redirectUrl}'\n`)
      url = info.redirectUrl
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = o.method && res.status !== 303 ? o.method : 'GET'
        body = Buffer.alloc(0)
      }
      continue
    }
    if (o.verbose) ctx.stderr(`* Connection #0 to host ${host} left intact\n`)
    return finish(CurlExit.ok)
  }
}

function dataBody(o: CurlOptions, ctx: CurlContext): Buffer {
  if (o.data.length === 0) return Buffer.alloc(0)
  const parts = o.data.map((d) => {
    if (d.raw || !d.text.startsWith('@')) return Buffer.from(d.text)
    if (!ctx.readFile) throw new Error(`no file ${d.text.slice(1)}`)
    const content = ctx.readFile(d.text.slice(1))
    // -d @file strips carriage returns and newlines; --data-binary keeps them.
    return d.binary
      ? content
      : Buffer.from(content.toString('latin1').replace(/[\r\n]/g, ''), 'latin1')
  })
  return Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from('&'), p] : [p])))
}

function writeBody(o: CurlOptions, ctx: CurlContext, content: Buffer): boolean {
  if (o.output === undefined || o.output === '-') {
    if (content.length) ctx.stdout(content)
    return true
  }
  if (o.output === '/dev/null') return true
  try {
    if (!ctx.writeFile) throw new Error('no file system')
    ctx.writeFile(o.output, content)
    return true
  } catch {
    return false
  }
}
