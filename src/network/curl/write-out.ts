/** What `-w` can print about a finished transfer. */
export interface TransferInfo {
  httpCode: number
  method: string
  urlEffective: string
  url: string
  remoteIp: string
  remotePort: number
  sizeDownload: number
  sizeHeader: number
  sizeRequest: number
  sizeUpload: number
  contentType: string
  numRedirects: number
  redirectUrl: string
  timeTotal: number
  exitCode: number
  errorMsg: string
  scheme: string
}

const sec = (n: number) => n.toFixed(6)

const VARS: Record<string, (t: TransferInfo) => string> = {
  http_code: (t) => String(t.httpCode).padStart(3, '0'),
  response_code: (t) => String(t.httpCode).padStart(3, '0'),
  http_version: (t) => (t.httpCode ? '1.1' : '0'),
  method: (t) => t.method,
  url_effective: (t) => t.urlEffective,
  url: (t) => t.url,
  remote_ip: (t) => t.remoteIp,
  remote_port: (t) => (t.remoteIp ? String(t.remotePort) : '0'),
  local_ip: () => '',
  local_port: () => '0',
  size_download: (t) => String(t.sizeDownload),
  size_header: (t) => String(t.sizeHeader),
  size_request: (t) => String(t.sizeRequest),
  size_upload: (t) => String(t.sizeUpload),
  content_type: (t) => t.contentType,
  num_redirects: (t) => String(t.numRedirects),
  num_connects: (t) => (t.remoteIp ? '1' : '0'),
  redirect_url: (t) => t.redirectUrl,
  time_total: (t) => sec(t.timeTotal),
  time_namelookup: () => sec(0),
  time_connect: () => sec(0),
  time_appconnect: () => sec(0),
  time_pretransfer: () => sec(0),
  time_starttransfer: (t) => sec(t.timeTotal),
  time_redirect: () => sec(0),
  speed_download: (t) => String(t.timeTotal > 0 ? Math.floor(t.sizeDownload / t.timeTotal) : 0),
  speed_upload: (t) => String(t.timeTotal > 0 ? Math.floor(t.sizeUpload / t.timeTotal) : 0),
  exitcode: (t) => String(t.exitCode),
  errormsg: (t) => t.errorMsg,
  scheme: (t) => t.scheme.toUpperCase(),
}

/**
 * Expands a `-w` format as curl does: `%{var}`, `%%`, and the escapes `\n`, `\r`, `\t`, `\\`;
 * an unknown variable prints nothing and a warning (returned in `warnings`).
 */
export function expandWriteOut(fmt: string, t: TransferInfo): { text: string; warnings: string[] } {
  let text = ''
  const warnings: string[] = []
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!
    if (c === '%' && fmt[i + 1] === '%') {
      text += '%'
      i++
    } else if (c === '%' && fmt[i + 1] === '{') {
      const end = fmt.indexOf('}', i + 2)
      if (end < 0) {
        text += fmt.slice(i)
        break
      }
      const name = fmt.slice(i + 2, end)
      const v = VARS[name]
      if (v) text += v(t)
      else warnings.push(`curl: unknown --write-out variable: '${name}'`)
      i = end
    } else if (c === '\\' && i + 1 < fmt.length) {
      const n = fmt[i + 1]!
      text += n === 'n' ? '\n' : n === 'r' ? '\r' : n === 't' ? '\t' : n === '\\' ? '\\' : `\\${n}`
      i++
    } else text += c
  }
  return { text, warnings }
}
