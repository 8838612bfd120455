import type { HttpResponse } from '../../network/index.js'

/** MSB's gateway error causes (core/error_handler.lua) and nginx's own upstream failure. */
export const GatewayErrors = {
  noRoute: 'No route found for this request!',
  noBackend: 'No active backend server found!',
} as const

/** Returns MSB's 502 page for a cause (reference §6.4, byte for byte). */
export function msbErrorPage(message: string, status = 502): HttpResponse {
  const title = `${status} Bad Gateway`
  const body = `<html><head><title>${title}</title></head><body bgcolor="white"><center><h1>${title}</h1></center><center>error message:${message}</center><hr><center>nginx</center></body></html>`
  return {
    status,
    headers: { 'content-type': 'text/html', server: 'openresty' },
    body: Buffer.from(body),
  }
}

/** Returns nginx's own 502 page (an upstream that refused, reset or timed out). */
export function nginxBadGateway(): HttpResponse {
  const body =
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body bgcolor="white">\r\n' +
    '<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n'
  return {
    status: 502,
    headers: { 'content-type': 'text/html', server: 'openresty' },
    body: Buffer.from(body),
  }
}
